package io.github.accountopening.ticket;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An escalation ticket before it is written in the form one kind of Jira takes: plain text (wiki
 * markup) for REST API v2, Atlassian Document Format for v3.
 */
record NewTicket(
        String projectKey,
        String issueType,
        String summary,
        List<String> labels,
        String intro,
        List<Fact> facts,
        String closing) {

    /** One line of the description's list; a link is rendered as one. */
    record Fact(String label, String value, boolean link) {}

    String plainDescription() {
        StringBuilder text = new StringBuilder(intro).append("\n\n");
        facts.forEach(f -> text.append("* ")
                .append(f.label())
                .append(": ")
                .append(f.value())
                .append('\n'));
        return text.append('\n').append(closing).append('\n').toString();
    }

    Map<String, Object> documentDescription() {
        List<Object> items = new ArrayList<>();
        for (Fact f : facts) {
            Map<String, Object> value = f.link()
                    ? Map.of(
                            "type",
                            "text",
                            "text",
                            f.value(),
                            "marks",
                            List.of(Map.of("type", "link", "attrs", Map.of("href", f.value()))))
                    : Map.of("type", "text", "text", f.value());
            items.add(Map.of(
                    "type",
                    "listItem",
                    "content",
                    List.of(Map.of(
                            "type",
                            "paragraph",
                            "content",
                            List.of(Map.of("type", "text", "text", f.label() + ": "), value)))));
        }
        return document(paragraph(intro), Map.of("type", "bulletList", "content", items), paragraph(closing));
    }

    Map<String, Object> fields(Object description) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("project", Map.of("key", projectKey));
        fields.put("summary", summary);
        fields.put("description", description);
        fields.put("issuetype", Map.of("name", issueType));
        fields.put("labels", labels);
        return Map.of("fields", fields);
    }

    /** An Atlassian Document Format document (version 1) of the given blocks. */
    static Map<String, Object> document(Object... blocks) {
        return Map.of("type", "doc", "version", 1, "content", List.of(blocks));
    }

    static Map<String, Object> paragraph(String text) {
        return Map.of("type", "paragraph", "content", List.of(Map.of("type", "text", "text", text)));
    }
}

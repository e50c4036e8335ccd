package io.github.accountopening.simulator;

import io.github.accountopening.config.JiraProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A stand-in for Jira's REST API v2 under {@code /simulator/jira}: create, search by label, comment. */
@RestController
@RequestMapping("/simulator/jira/rest/api/2")
@ConditionalOnProperty(name = "simulator.enabled", havingValue = "true")
public class JiraSimulator {

    private static final Pattern LABEL_QUERY = Pattern.compile("labels\\s*=\\s*\"?([^\"\\s]+)\"?");

    public record Issue(String key, String project, String summary, String description, String issueType,
                        List<String> labels, List<String> comments) {
    }

    private final JiraProperties jira;
    private final List<Issue> issues = new CopyOnWriteArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();

    JiraSimulator(JiraProperties jira) {
        this.jira = jira;
    }

    @PostMapping("/issue")
    @SuppressWarnings("unchecked")
    ResponseEntity<?> create(@RequestHeader(value = "Authorization", required = false) String authorization,
                             @RequestBody Map<String, Object> request) {
        if (!authorized(authorization)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("errorMessages", List.of("Basic auth required")));
        }
        Map<String, Object> fields = (Map<String, Object>) request.get("fields");
        if (fields == null || fields.get("summary") == null || fields.get("project") == null) {
            return ResponseEntity.badRequest().body(Map.of("errorMessages", List.of("fields.project and fields.summary are required")));
        }
        String project = String.valueOf(((Map<String, Object>) fields.get("project")).get("key"));
        String key = project + "-" + sequence.incrementAndGet();
        Object type = fields.get("issuetype") instanceof Map<?, ?> t ? t.get("name") : null;
        issues.add(new Issue(key, project, String.valueOf(fields.get("summary")), String.valueOf(fields.get("description")),
                String.valueOf(type), List.copyOf((List<String>) fields.getOrDefault("labels", List.of())),
                new CopyOnWriteArrayList<>()));
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", String.valueOf(sequence.get()), "key", key,
                "self", "/simulator/jira/rest/api/2/issue/" + key));
    }

    /** Understands the one query escalation needs: {@code labels=X} or {@code labels = "X"}. */
    @GetMapping("/search")
    ResponseEntity<?> search(@RequestHeader(value = "Authorization", required = false) String authorization,
                             @RequestParam String jql) {
        if (!authorized(authorization)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("errorMessages", List.of("Basic auth required")));
        }
        Matcher m = LABEL_QUERY.matcher(jql);
        if (!m.find()) {
            return ResponseEntity.badRequest().body(Map.of("errorMessages", List.of("only labels=X queries are simulated")));
        }
        List<Map<String, Object>> found = new ArrayList<>();
        for (Issue issue : withLabel(m.group(1))) {
            found.add(Map.of("key", issue.key(), "fields", Map.of("summary", issue.summary(), "labels", issue.labels(),
                    "description", issue.description())));
        }
        return ResponseEntity.ok(Map.of("total", found.size(), "issues", found));
    }

    @PostMapping("/issue/{key}/comment")
    ResponseEntity<?> comment(@RequestHeader(value = "Authorization", required = false) String authorization,
                              @PathVariable String key, @RequestBody Map<String, String> request) {
        if (!authorized(authorization)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("errorMessages", List.of("Basic auth required")));
        }
        for (Issue issue : issues) {
            if (issue.key().equals(key)) {
                issue.comments().add(request.get("body"));
                return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("body", request.get("body")));
            }
        }
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("errorMessages", List.of("Issue does not exist: " + key)));
    }

    public List<Issue> withLabel(String label) {
        return issues.stream().filter(i -> i.labels().contains(label)).toList();
    }

    private boolean authorized(String authorization) {
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                (jira.user() + ":" + jira.apiToken()).getBytes(StandardCharsets.UTF_8));
        return expected.equals(authorization);
    }
}

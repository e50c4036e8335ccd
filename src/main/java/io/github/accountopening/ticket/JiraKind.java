package io.github.accountopening.ticket;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One kind of Jira, spoken to on the API version and in the formats it takes. */
sealed interface JiraKind {

    JiraDeployment deployment();

    /** Every issue the query finds, all pages read. */
    List<String> search(String jql);

    /** Creates the issue and returns its key. */
    String create(NewTicket ticket);

    void comment(String key, String text);

    /** Whether a just-created issue can be missing from search results for a while. */
    boolean searchLags();

    /** REST API v3: Atlassian Document Format; search at {@code /search/jql}, paged by token, eventually consistent. */
    record Cloud(JiraApi api) implements JiraKind {
        @Override
        public JiraDeployment deployment() {
            return JiraDeployment.CLOUD;
        }

        @Override
        public List<String> search(String jql) {
            List<String> keys = new ArrayList<>();
            @Nullable String token = null;
            do {
                JiraApi.SearchPage page = api.searchCloud(jql, token);
                keys.addAll(keysOf(page));
                // isLast is the documented end; a last page may also just leave the token out.
                token = Boolean.TRUE.equals(page.isLast()) ? null : page.nextPageToken();
            } while (token != null);
            return keys;
        }

        @Override
        public String create(NewTicket ticket) {
            return api.createCloud(ticket.fields(ticket.documentDescription())).key();
        }

        @Override
        public void comment(String key, String text) {
            api.commentCloud(key, Map.of("body", NewTicket.document(NewTicket.paragraph(text))));
        }

        @Override
        public boolean searchLags() {
            return true;
        }
    }

    /** REST API v2: plain text; search at {@code /search}, paged by offset against a total. */
    record DataCenter(JiraApi api) implements JiraKind {
        @Override
        public JiraDeployment deployment() {
            return JiraDeployment.DATA_CENTER;
        }

        @Override
        public List<String> search(String jql) {
            List<String> keys = new ArrayList<>();
            while (true) {
                JiraApi.SearchPage page = api.searchDataCenter(jql, keys.size());
                List<String> found = keysOf(page);
                keys.addAll(found);
                Integer total = page.total();
                if (found.isEmpty() || total == null || keys.size() >= total) {
                    return keys;
                }
            }
        }

        @Override
        public String create(NewTicket ticket) {
            return api.createDataCenter(ticket.fields(ticket.plainDescription()))
                    .key();
        }

        @Override
        public void comment(String key, String text) {
            api.commentDataCenter(key, Map.of("body", text));
        }

        @Override
        public boolean searchLags() {
            return false;
        }
    }

    private static List<String> keysOf(JiraApi.@Nullable SearchPage page) {
        List<JiraApi.FoundIssue> issues = page == null ? null : page.issues();
        return issues == null
                ? List.of()
                : issues.stream().map(JiraApi.FoundIssue::key).toList();
    }
}

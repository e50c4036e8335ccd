package io.github.accountopening.ticket;

import feign.Headers;
import feign.Param;
import feign.RequestLine;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The calls of Jira's REST API that escalation needs, for both kinds: Cloud on v3 (bodies in Atlassian
 * Document Format, search at {@code /search/jql} paged by token), Data Center on v2 (plain text, search
 * at {@code /search} paged by offset). A null query parameter is left out of the request.
 */
@Headers({"Content-Type: application/json", "Accept: application/json"})
interface JiraApi {

    /** Answered anonymously by both kinds. */
    @RequestLine("GET /rest/api/2/serverInfo")
    ServerInfo serverInfo();

    @RequestLine("GET /rest/api/3/search/jql?jql={jql}&fields=summary,labels&nextPageToken={nextPageToken}")
    SearchPage searchCloud(@Param("jql") String jql, @Param("nextPageToken") @Nullable String nextPageToken);

    @RequestLine("POST /rest/api/3/issue")
    CreatedIssue createCloud(Map<String, Object> issue);

    @RequestLine("POST /rest/api/3/issue/{key}/comment")
    void commentCloud(@Param("key") String key, Map<String, Object> comment);

    @RequestLine("GET /rest/api/2/search?jql={jql}&fields=summary,labels&startAt={startAt}")
    SearchPage searchDataCenter(@Param("jql") String jql, @Param("startAt") int startAt);

    @RequestLine("POST /rest/api/2/issue")
    CreatedIssue createDataCenter(Map<String, Object> issue);

    @RequestLine("POST /rest/api/2/issue/{key}/comment")
    void commentDataCenter(@Param("key") String key, Map<String, Object> comment);

    record ServerInfo(String baseUrl, String version, String deploymentType) {}

    record CreatedIssue(String id, String key) {}

    /** Cloud pages with {@code nextPageToken}/{@code isLast} and has no total; Data Center with {@code startAt}/{@code total}. */
    record SearchPage(
            @Nullable List<FoundIssue> issues,
            @Nullable Integer startAt,
            @Nullable Integer total,
            @Nullable String nextPageToken,
            @Nullable Boolean isLast) {
        public SearchPage {
            issues = issues == null ? null : List.copyOf(issues);
        }
    }

    record FoundIssue(String id, String key) {}
}

package io.github.accountopening.ticket;

import feign.Headers;
import feign.Param;
import feign.RequestLine;

import java.util.List;

/** The three calls of Jira's REST API v2 that escalation needs. */
@Headers({"Content-Type: application/json", "Accept: application/json"})
public interface JiraApi {

    @RequestLine("POST /rest/api/2/issue")
    CreatedIssue create(NewIssue issue);

    @RequestLine("GET /rest/api/2/search?jql={jql}&fields=summary,labels")
    SearchResult search(@Param("jql") String jql);

    @RequestLine("POST /rest/api/2/issue/{key}/comment")
    void comment(@Param("key") String key, Comment comment);

    record NewIssue(Fields fields) {
    }

    record Fields(Project project, String summary, String description, IssueType issuetype, List<String> labels) {
    }

    record Project(String key) {
    }

    record IssueType(String name) {
    }

    record CreatedIssue(String id, String key) {
    }

    record SearchResult(List<FoundIssue> issues) {
    }

    record FoundIssue(String key) {
    }

    record Comment(String body) {
    }
}

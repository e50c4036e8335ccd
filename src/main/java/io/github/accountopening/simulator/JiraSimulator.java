package io.github.accountopening.simulator;

import io.github.accountopening.simulator.JiraSimulatorProperties.Kind;
import io.github.accountopening.ticket.JiraProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
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

/**
 * A stand-in for Jira's REST API under {@code /simulator/jira}, playing Jira Cloud or Jira Data Center
 * as Atlassian documents them:
 * <ul>
 *   <li>Cloud: REST API v2 and v3; {@code /search} is gone (410), search is {@code /search/jql}, paged by
 *       {@code nextPageToken} and {@code isLast}, without {@code total}, and shows a new issue only after
 *       {@code simulator.jira.search-delay}; v3 bodies must be Atlassian Document Format; sign-in is Basic
 *       with the account's e-mail and API token, and a bearer token is refused.</li>
 *   <li>Data Center: REST API v2 only; {@code /search} paged by {@code startAt} against a {@code total},
 *       consistent at once, no {@code /search/jql} (404); a personal access token is taken as a bearer
 *       token only, Basic takes user and password.</li>
 * </ul>
 * {@code serverInfo} answers anonymously on both. The accounts are those of {@code jira.*}.
 */
@RestController
@RequestMapping("/simulator/jira/rest/api/{version}")
@ConditionalOnProperty(name = "simulator.enabled", havingValue = "true")
public class JiraSimulator {

    private static final Pattern LABEL_QUERY = Pattern.compile("labels\\s*=\\s*\"?([^\"\\s]+)\"?");
    private static final String NOT_A_DOCUMENT =
            "Operation value must be an Atlassian Document (see the Atlassian Document Format)";

    public record Issue(
            String id,
            String key,
            String project,
            String summary,
            @Nullable String description,
            String issueType,
            List<String> labels,
            List<String> comments,
            Instant createdAt) {
        public Issue {
            labels = List.copyOf(labels);
        }
    }

    private final JiraProperties accounts;
    private final List<Issue> issues = new CopyOnWriteArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger(10000);
    private final AtomicInteger keys = new AtomicInteger();
    private volatile Kind kind;
    private volatile Duration searchDelay;
    private volatile @Nullable Integer failure;

    JiraSimulator(JiraProperties accounts, JiraSimulatorProperties properties) {
        this.accounts = accounts;
        this.kind = properties.deployment();
        this.searchDelay = properties.searchDelay();
    }

    @GetMapping("/serverInfo")
    ResponseEntity<?> serverInfo(@PathVariable String version) {
        if (!served(version)) {
            return notFound(version, "serverInfo");
        }
        return ResponseEntity.ok(
                kind == Kind.CLOUD
                        ? Map.of(
                                "baseUrl",
                                "https://example.atlassian.net",
                                "version",
                                "1001.0.0-SNAPSHOT",
                                "buildNumber",
                                100300,
                                "deploymentType",
                                "Cloud",
                                "serverTitle",
                                "Jira")
                        : Map.of(
                                "baseUrl",
                                "https://jira.example.com",
                                "version",
                                "10.3.4",
                                "buildNumber",
                                10030004,
                                "deploymentType",
                                "Server",
                                "serverTitle",
                                "Jira"));
    }

    /** Cloud removed it in 2025 (410 Gone); Data Center keeps it, paged by offset against a total. */
    @GetMapping("/search")
    ResponseEntity<?> search(
            @PathVariable String version,
            @RequestHeader(value = "Authorization", required = false) @Nullable String authorization,
            @RequestParam(required = false) @Nullable String jql,
            @RequestParam(defaultValue = "0") int startAt,
            @RequestParam(defaultValue = "50") int maxResults) {
        if (!served(version)) {
            return notFound(version, "search");
        }
        if (kind == Kind.CLOUD) {
            return ResponseEntity.status(HttpStatus.GONE)
                    .body(errors(
                            List.of(
                                    "The requested API has been removed. Please migrate to the "
                                            + "/rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046"),
                            Map.of()));
        }
        ResponseEntity<?> refused = refused(authorization);
        if (refused != null) {
            return refused;
        }
        List<Issue> found = authorization == null ? List.of() : matching(jql, false);
        if (found == null) {
            return badJql(jql);
        }
        List<Issue> page = found.subList(Math.min(startAt, found.size()), Math.min(startAt + maxResults, found.size()));
        return ResponseEntity.ok(Map.of(
                "startAt",
                startAt,
                "maxResults",
                maxResults,
                "total",
                found.size(),
                "issues",
                page.stream().map(this::found).toList()));
    }

    /**
     * Cloud's enhanced search: bounded JQL only, {@code nextPageToken} and {@code isLast} instead of a
     * total (the token is left out on the last page), and an issue shows only {@code search-delay} after
     * its creation. Data Center has no such resource.
     */
    @GetMapping("/search/jql")
    ResponseEntity<?> searchJql(
            @PathVariable String version,
            @RequestHeader(value = "Authorization", required = false) @Nullable String authorization,
            @RequestParam(required = false) @Nullable String jql,
            @RequestParam(required = false) @Nullable String nextPageToken,
            @RequestParam(defaultValue = "50") int maxResults) {
        if (!served(version) || kind == Kind.DATA_CENTER) {
            return notFound(version, "search/jql");
        }
        ResponseEntity<?> refused = refused(authorization);
        if (refused != null) {
            return refused;
        }
        if (jql == null || jql.isBlank()) {
            return ResponseEntity.badRequest()
                    .body(errors(
                            List.of(
                                    "Unbounded JQL queries are not allowed here. Please add a search restriction to your query."),
                            Map.of()));
        }
        List<Issue> found = authorization == null ? List.of() : matching(jql, true);
        if (found == null) {
            return badJql(jql);
        }
        int from = nextPageToken == null
                ? 0
                : Integer.parseInt(new String(Base64.getUrlDecoder().decode(nextPageToken), StandardCharsets.UTF_8));
        int to = Math.min(from + maxResults, found.size());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(
                "issues",
                found.subList(Math.min(from, found.size()), to).stream()
                        .map(this::found)
                        .toList());
        body.put("isLast", to >= found.size());
        if (to < found.size()) {
            body.put(
                    "nextPageToken",
                    Base64.getUrlEncoder().encodeToString(String.valueOf(to).getBytes(StandardCharsets.UTF_8)));
        }
        return ResponseEntity.ok(body);
    }

    @PostMapping("/issue")
    @SuppressWarnings("unchecked")
    ResponseEntity<?> create(
            @PathVariable String version,
            @RequestHeader(value = "Authorization", required = false) @Nullable String authorization,
            @RequestBody Map<String, Object> request) {
        if (!served(version)) {
            return notFound(version, "issue");
        }
        ResponseEntity<?> refused = refused(authorization);
        if (refused != null) {
            return refused;
        }
        if (authorization == null) {
            return unauthorized("You are not authenticated. Authentication required to perform this operation.");
        }
        Map<String, Object> fields = request.get("fields") instanceof Map<?, ?> f ? (Map<String, Object>) f : null;
        if (fields == null || !(fields.get("project") instanceof Map<?, ?> project) || fields.get("summary") == null) {
            return ResponseEntity.badRequest()
                    .body(errors(
                            List.of(),
                            Map.of(
                                    "project",
                                    "Specify a valid project ID or key",
                                    "summary",
                                    "You must specify a summary of the issue.")));
        }
        Object description = fields.get("description");
        @Nullable String text;
        if ("3".equals(version)) {
            if (description != null && !isDocument(description)) {
                return ResponseEntity.badRequest().body(errors(List.of(), Map.of("description", NOT_A_DOCUMENT)));
            }
            text = description == null ? null : textOf(description);
        } else {
            if (description != null && !(description instanceof String)) {
                return ResponseEntity.badRequest()
                        .body(errors(List.of(), Map.of("description", "Operation value must be a string")));
            }
            text = (String) description;
        }
        List<String> labels = fields.get("labels") instanceof List<?> l ? List.copyOf((List<String>) l) : List.of();
        for (String label : labels) {
            if (label.contains(" ")) {
                return ResponseEntity.badRequest()
                        .body(errors(
                                List.of(),
                                Map.of("labels", "The label '" + label + "' contains spaces which is invalid.")));
            }
        }
        String projectKey = String.valueOf(project.get("key"));
        String id = String.valueOf(sequence.incrementAndGet());
        String key = projectKey + "-" + keys.incrementAndGet();
        Object type = fields.get("issuetype") instanceof Map<?, ?> t ? t.get("name") : null;
        issues.add(new Issue(
                id,
                key,
                projectKey,
                String.valueOf(fields.get("summary")),
                text,
                String.valueOf(type),
                labels,
                new CopyOnWriteArrayList<>(),
                Instant.now()));
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", id, "key", key, "self", self(version, id)));
    }

    @PostMapping("/issue/{key}/comment")
    ResponseEntity<?> comment(
            @PathVariable String version,
            @RequestHeader(value = "Authorization", required = false) @Nullable String authorization,
            @PathVariable String key,
            @RequestBody Map<String, Object> request) {
        if (!served(version)) {
            return notFound(version, "issue/" + key + "/comment");
        }
        ResponseEntity<?> refused = refused(authorization);
        if (refused != null) {
            return refused;
        }
        Issue issue =
                issues.stream().filter(i -> i.key().equals(key)).findFirst().orElse(null);
        if (authorization == null || issue == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(errors(List.of("Issue does not exist or you do not have permission to see it."), Map.of()));
        }
        Object body = request.get("body");
        if ("3".equals(version) ? !isDocument(body) : !(body instanceof String)) {
            return ResponseEntity.badRequest()
                    .body(errors(
                            List.of(),
                            Map.of(
                                    "comment",
                                    "3".equals(version) ? NOT_A_DOCUMENT : "Comment body can not be empty!")));
        }
        String text = "3".equals(version) ? textOf(body) : (String) body;
        issue.comments().add(text);
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(Map.of("id", String.valueOf(sequence.incrementAndGet()), "body", body));
    }

    /** The issue a key names, as its page in Jira shows it. */
    public java.util.Optional<Issue> withKey(String key) {
        return issues.stream().filter(issue -> issue.key().equals(key)).findFirst();
    }

    /** Every issue carrying the label, as Jira holds it (not as its search shows it). */
    public List<Issue> withLabel(String label) {
        return issues.stream().filter(i -> i.labels().contains(label)).toList();
    }

    /** Plays the other kind of Jira from now on. */
    public void playAs(Kind deployment) {
        kind = deployment;
    }

    public Kind kind() {
        return kind;
    }

    public void setSearchDelay(Duration delay) {
        searchDelay = delay;
    }

    /** Answers every call but serverInfo with this status (a Jira that is down, or revoked our credentials), or null to recover. */
    public void failWith(@Nullable Integer status) {
        failure = status;
    }

    private boolean served(String version) {
        return "2".equals(version) || ("3".equals(version) && kind == Kind.CLOUD);
    }

    /** A failure being played, or credentials this kind of Jira does not take; null when the call may go on (anonymous included). */
    private @Nullable ResponseEntity<?> refused(@Nullable String authorization) {
        Integer failing = failure;
        if (failing != null) {
            return ResponseEntity.status(failing).body(errors(List.of("Simulated failure: HTTP " + failing), Map.of()));
        }
        if (authorization == null) {
            return null;
        }
        String basic = "Basic "
                + Base64.getEncoder()
                        .encodeToString((accounts.user() + ":" + accounts.apiToken()).getBytes(StandardCharsets.UTF_8));
        if (kind == Kind.CLOUD) {
            return basic.equals(authorization)
                    ? null
                    : unauthorized(
                            authorization.startsWith("Bearer ")
                                    ? "Failed to parse Connect Session Auth Token"
                                    : "Client must be authenticated to access this resource.");
        }
        boolean token =
                accounts.hasPersonalAccessToken() && authorization.equals("Bearer " + accounts.personalAccessToken());
        return token || basic.equals(authorization)
                ? null
                : unauthorized("Client must be authenticated to access this resource.");
    }

    /** Understands the one query escalation needs; null for any other. */
    private @Nullable List<Issue> matching(@Nullable String jql, boolean lagging) {
        Matcher m = jql == null ? null : LABEL_QUERY.matcher(jql);
        if (m == null || !m.find()) {
            return null;
        }
        Instant visibleBefore = Instant.now().minus(lagging ? searchDelay : Duration.ZERO);
        return withLabel(m.group(1)).stream()
                .filter(i -> !lagging || !i.createdAt().isAfter(visibleBefore))
                .toList();
    }

    private Map<String, Object> found(Issue issue) {
        return Map.of(
                "id",
                issue.id(),
                "key",
                issue.key(),
                "fields",
                Map.of("summary", issue.summary(), "labels", issue.labels()));
    }

    private static boolean isDocument(@Nullable Object value) {
        return value instanceof Map<?, ?> doc
                && "doc".equals(doc.get("type"))
                && Integer.valueOf(1).equals(doc.get("version"))
                && doc.get("content") instanceof List<?>;
    }

    /** The text of a document: its text nodes, one block a line. */
    private static String textOf(@Nullable Object node) {
        StringBuilder text = new StringBuilder();
        collect(node, text);
        return text.toString().strip();
    }

    private static void collect(@Nullable Object node, StringBuilder text) {
        if (node instanceof Map<?, ?> map) {
            if ("text".equals(map.get("type"))) {
                text.append(map.get("text"));
            } else if (map.get("content") instanceof List<?> children) {
                children.forEach(c -> collect(c, text));
                if ("paragraph".equals(map.get("type"))) {
                    text.append('\n');
                }
            }
        }
    }

    private static ResponseEntity<?> badJql(@Nullable String jql) {
        return ResponseEntity.badRequest()
                .body(errors(
                        List.of("Error in the JQL Query: the simulator understands labels = X only, not " + jql),
                        Map.of()));
    }

    private static ResponseEntity<?> unauthorized(String message) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(errors(List.of(message), Map.of()));
    }

    /** Data Center answers an unknown resource as Jersey does; Cloud the same way for an API version it lacks. */
    private static ResponseEntity<?> notFound(String version, String resource) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(Map.of("message", "null for uri: /rest/api/" + version + "/" + resource, "status-code", 404));
    }

    private static Map<String, Object> errors(List<String> messages, Map<String, String> errors) {
        return Map.of("errorMessages", messages, "errors", errors);
    }

    private static String self(String version, String id) {
        return "/simulator/jira/rest/api/" + version + "/issue/" + id;
    }
}

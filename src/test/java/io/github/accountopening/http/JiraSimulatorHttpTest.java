package io.github.accountopening.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.accountopening.simulator.JiraSimulator;
import io.github.accountopening.simulator.JiraSimulatorProperties.Kind;
import io.github.accountopening.support.Api;
import io.github.accountopening.support.HttpTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Jira stand-in answers as Atlassian documents each kind: Cloud without the removed search, with
 * its lagging token-paged search, Atlassian Document Format on v3 and no bearer tokens; Data Center
 * without {@code /search/jql}, plain text on v2, personal access tokens as bearer tokens only.
 */
@HttpTest
class JiraSimulatorHttpTest {

    static final String JIRA = "/simulator/jira/rest/api/";
    static final String BASIC = basic("account-opening@example.com", "dev-jira-api-token");
    static final String PAT = "dev-jira-personal-access-token";

    @Autowired
    Api api;

    @Autowired
    JiraSimulator jira;

    @AfterEach
    void playCloudAgain() {
        jira.playAs(Kind.CLOUD);
        jira.setSearchDelay(Duration.ofSeconds(2));
    }

    @Test
    void cloudHasRemovedTheOldSearchAndTakesNoBearerToken() {
        assertThat(api.call("GET", JIRA + "2/serverInfo", null, null)
                        .json()
                        .get("deploymentType")
                        .asText())
                .isEqualTo("Cloud");
        for (String version : new String[] {"2", "3"}) {
            Api.Reply removed =
                    api.call("GET", JIRA + version + "/search?jql=" + Api.encode("labels = x"), null, BASIC);
            assertThat(removed.status()).isEqualTo(410);
            assertThat(removed.json().get("errorMessages").get(0).asText()).contains("/rest/api/3/search/jql");
        }
        Api.Reply bearer =
                api.call("GET", JIRA + "3/search/jql?jql=" + Api.encode("labels = x"), null, "Bearer " + PAT);
        assertThat(bearer.status()).isEqualTo(401);
        assertThat(api.call(
                                "POST",
                                JIRA + "3/issue",
                                issue("{\"type\":\"doc\",\"version\":1,\"content\":[]}", "x"),
                                basic("account-opening@example.com", "wrong-token"))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void cloudV3TakesDocumentsOnlyAndV2PlainText() {
        String label = "sim-" + UUID.randomUUID();
        Api.Reply plain = api.call("POST", JIRA + "3/issue", issue("\"plain text\"", label), BASIC);
        assertThat(plain.status()).isEqualTo(400);
        assertThat(plain.json().get("errors").get("description").asText()).contains("Atlassian Document");

        Api.Reply created =
                api.call("POST", JIRA + "3/issue", issue(document("See https://cockpit.example/x"), label), BASIC);
        assertThat(created.status()).isEqualTo(201);
        String key = created.json().get("key").asText();
        assertThat(jira.withLabel(label))
                .singleElement()
                .satisfies(i -> assertThat(i.description()).isEqualTo("See https://cockpit.example/x"));
        assertThat(api.call("POST", JIRA + "3/issue/" + key + "/comment", "{\"body\": \"done\"}", BASIC)
                        .status())
                .isEqualTo(400);
        assertThat(api.call("POST", JIRA + "3/issue/" + key + "/comment", "{\"body\": " + document("done") + "}", BASIC)
                        .status())
                .isEqualTo(201);
        assertThat(api.call("POST", JIRA + "2/issue/" + key + "/comment", "{\"body\": \"also done\"}", BASIC)
                        .status())
                .isEqualTo(201);
        assertThat(jira.withLabel(label).get(0).comments()).containsExactly("done", "also done");
    }

    @Test
    void cloudSearchShowsANewIssueOnlyAfterAWhileAndPagesByTokenWithoutTotal() {
        String label = "sim-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            assertThat(api.call("POST", JIRA + "3/issue", issue(document("issue " + i), label), BASIC)
                            .status())
                    .isEqualTo(201);
        }
        String search = JIRA + "3/search/jql?maxResults=2&jql=" + Api.encode("labels = \"" + label + "\"");
        JsonNode right = api.call("GET", search, null, BASIC).json();
        assertThat(right.get("issues")).as("not searchable yet").isEmpty();
        assertThat(right.get("isLast").asBoolean()).isTrue();

        JsonNode first = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> api.call("GET", search, null, BASIC).json(),
                        p -> !p.get("isLast").asBoolean());
        assertThat(first.get("issues")).hasSize(2);
        assertThat(first.has("total")).isFalse();
        JsonNode last = api.call(
                        "GET",
                        search + "&nextPageToken=" + first.get("nextPageToken").asText(),
                        null,
                        BASIC)
                .json();
        assertThat(last.get("issues")).hasSize(1);
        assertThat(last.get("isLast").asBoolean()).isTrue();
        assertThat(last.has("nextPageToken")).isFalse();
        assertThat(api.call("GET", JIRA + "3/search/jql?jql=", null, BASIC).status())
                .as("unbounded JQL")
                .isEqualTo(400);
    }

    @Test
    void dataCenterHasNoEnhancedSearchNoV3AndTakesItsTokenAsBearerOnly() {
        jira.playAs(Kind.DATA_CENTER);
        String label = "sim-" + UUID.randomUUID();

        assertThat(api.call("GET", JIRA + "2/serverInfo", null, null)
                        .json()
                        .get("deploymentType")
                        .asText())
                .isEqualTo("Server");
        assertThat(api.call("GET", JIRA + "2/search/jql?jql=" + Api.encode("labels = x"), null, "Bearer " + PAT)
                        .status())
                .isEqualTo(404);
        assertThat(api.call("POST", JIRA + "3/issue", issue(document("x"), label), "Bearer " + PAT)
                        .status())
                .isEqualTo(404);
        assertThat(api.call("POST", JIRA + "2/issue", issue("\"x\"", label), basic("account-opening@example.com", PAT))
                        .status())
                .as("a personal access token is no password")
                .isEqualTo(401);
        Api.Reply document = api.call("POST", JIRA + "2/issue", issue(document("x"), label), "Bearer " + PAT);
        assertThat(document.status()).isEqualTo(400);
        assertThat(document.json().get("errors").get("description").asText())
                .isEqualTo("Operation value must be a string");

        assertThat(api.call("POST", JIRA + "2/issue", issue("\"by token\"", label), "Bearer " + PAT)
                        .status())
                .isEqualTo(201);
        assertThat(api.call("POST", JIRA + "2/issue", issue("\"by password\"", label), BASIC)
                        .status())
                .isEqualTo(201);
        JsonNode found = api.call(
                        "GET",
                        JIRA + "2/search?maxResults=1&jql=" + Api.encode("labels = " + label),
                        null,
                        "Bearer " + PAT)
                .json();
        assertThat(found.get("total").asInt()).as("searchable at once").isEqualTo(2);
        assertThat(found.get("issues")).hasSize(1);
        assertThat(api.call(
                                "GET",
                                JIRA + "2/search?startAt=1&jql=" + Api.encode("labels = " + label),
                                null,
                                "Bearer " + PAT)
                        .json()
                        .get("issues"))
                .hasSize(1);
    }

    @Test
    void anIssueWithoutDescriptionShowsItsPage() {
        Api.Reply created = api.call("POST", JIRA + "2/issue", issue("null", "sim-" + UUID.randomUUID()), BASIC);
        assertThat(created.status()).isEqualTo(201);
        Api.Reply page = api.call(
                "GET", "/simulator/jira/browse/" + created.json().get("key").asText(), null, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Simulator test</h1><pre></pre>");
    }

    private static String issue(String description, String label) {
        return """
                {"fields": {"project": {"key": "OPS"}, "summary": "Simulator test", "issuetype": {"name": "Task"},
                            "labels": ["%s"], "description": %s}}""".formatted(label, description);
    }

    private static String document(String text) {
        return """
                {"type": "doc", "version": 1, "content": [{"type": "paragraph", "content": [{"type": "text", "text": "%s"}]}]}""".formatted(text);
    }

    private static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}

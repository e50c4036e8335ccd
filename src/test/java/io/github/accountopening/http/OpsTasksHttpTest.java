package io.github.accountopening.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.accountopening.support.Api;
import io.github.accountopening.support.Api.Reply;
import io.github.accountopening.support.HttpTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What ops sees in Tasklist's list: escalations told apart by name, in their shared filter, oldest first. */
@HttpTest
class OpsTasksHttpTest {

    private static final String OPS = Api.basic("tasklistops", "tasklistops-password");
    private static final DateTimeFormatter CAMUNDA_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    @Autowired
    Api api;

    @Test
    void escalationsAreNamedAfterTheirOpeningAndListedInTheSharedFilterOldestFirst() {
        opsUser();
        List<String> requestIds = new ArrayList<>();
        List<String> instances = new ArrayList<>();
        for (String name : List.of("Alpha B.V. [stuck]", "Beta B.V. [stuck]", "Gamma B.V. [stuck]")) {
            String requestId = Api.newRequestId();
            requestIds.add(requestId);
            instances.add(api.start(requestId, "C-TASKS", "NL", "COMPANY", name)
                    .json()
                    .path("id")
                    .asText());
        }
        List<JsonNode> tasks = instances.stream().map(this::awaitTask).toList();

        for (int i = 0; i < tasks.size(); i++) {
            JsonNode task = tasks.get(i);
            String legalName = List.of("Alpha B.V. [stuck]", "Beta B.V. [stuck]", "Gamma B.V. [stuck]")
                    .get(i);
            assertThat(task.path("name").asText())
                    .isEqualTo("Stuck opening " + requestIds.get(i) + " · NL · " + legalName);
            assertThat(task.path("description").asText()).contains("gave no final status within PT9S", "escalated on");
            OffsetDateTime created = OffsetDateTime.parse(task.path("created").asText(), CAMUNDA_DATE);
            OffsetDateTime due = OffsetDateTime.parse(task.path("due").asText(), CAMUNDA_DATE);
            assertThat(Duration.between(created, due))
                    .as("due four hours after the escalation")
                    .isBetween(
                            Duration.ofHours(4).minusSeconds(5),
                            Duration.ofHours(4).plusSeconds(5));
        }

        JsonNode filters = api.call(
                        "GET", "/engine-rest/filter?name=" + Api.encode("Account openings to resolve"), null, null, OPS)
                .json();
        assertThat(filters).as("ops reads the shared filter").hasSize(1);
        JsonNode filter = filters.get(0);
        assertThat(filter.path("properties").path("variables").findValuesAsText("name"))
                .containsExactly("ticketKey", "legalName", "requestId", "market");
        Reply listed = api.call(
                "POST",
                "/engine-rest/filter/" + filter.path("id").asText() + "/list?maxResults=1000",
                "application/json",
                "{}",
                OPS);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        List<String> listedIds = listed.json().findValuesAsText("id");
        assertThat(listedIds)
                .as("all three")
                .containsAll(tasks.stream().map(t -> t.path("id").asText()).toList());
        List<OffsetDateTime> created = new ArrayList<>();
        listed.json()
                .forEach(t -> created.add(OffsetDateTime.parse(t.path("created").asText(), CAMUNDA_DATE)));
        assertThat(created).as("oldest first").isSortedAccordingTo(OffsetDateTime::compareTo);
    }

    @Test
    void aContradictionIsNamedAfterItsOpeningAndCarriesTheListedVariables() {
        String requestId = Api.newRequestId();
        api.start(requestId, "C-CONTRA", "NL", "COMPANY", "Contra B.V.");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.record(requestId).json().path("status").asText(), "COMPLETED"::equals);

        assertThat(api.webhook(Api.webhookBody(null, requestId, "REJECTED", null, null, "changed its mind"))
                        .status())
                .isEqualTo(202);

        JsonNode task = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> api.get(
                                        "/engine-rest/task?candidateGroup=ops&nameLike="
                                                + Api.encode("%" + requestId + "%"),
                                        "demo",
                                        "demo")
                                .json(),
                        found -> found.size() == 1)
                .get(0);
        assertThat(task.path("name").asText()).isEqualTo("Contradicting statuses " + requestId + " · NL · Contra B.V.");
        JsonNode variables = api.get(
                        "/engine-rest/task/" + task.path("id").asText() + "/localVariables", "demo", "demo")
                .json();
        assertThat(variables.path("requestId").path("value").asText()).isEqualTo(requestId);
        assertThat(variables.path("legalName").path("value").asText()).isEqualTo("Contra B.V.");
        assertThat(variables.path("market").path("value").asText()).isEqualTo("NL");
    }

    private JsonNode awaitTask(String instance) {
        return await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> api.get("/engine-rest/task?processInstanceId=" + instance, "demo", "demo")
                                .json(),
                        found -> found.size() == 1)
                .get(0);
    }

    private void opsUser() {
        if (api.get("/engine-rest/user/tasklistops/profile", "demo", "demo").status() == 200) {
            return;
        }
        Reply created = api.call(
                "POST",
                "/engine-rest/user/create",
                "application/json",
                Api.write(Map.of(
                        "profile",
                                Map.of(
                                        "id",
                                        "tasklistops",
                                        "firstName",
                                        "Tasklist",
                                        "lastName",
                                        "Ops",
                                        "email",
                                        "tasklistops@bank.example"),
                        "credentials", Map.of("password", "tasklistops-password"))),
                Api.basic("demo", "demo"));
        assertThat(created.status()).as(created.body()).isEqualTo(204);
        assertThat(api.call("PUT", "/engine-rest/group/ops/members/tasklistops", null, null, Api.basic("demo", "demo"))
                        .status())
                .isEqualTo(204);
    }
}

package io.github.accountopening.http;

import static io.github.accountopening.support.Api.newRequestId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.accountopening.simulator.CardPlatformSimulator;
import io.github.accountopening.simulator.JiraSimulator;
import io.github.accountopening.simulator.NexusBankSimulator;
import io.github.accountopening.support.Api;
import io.github.accountopening.support.HttpTest;
import io.github.accountopening.ticket.OpsTickets;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Each way the provider misbehaves, through the real simulators with time compressed (polls every
 * 3 s, escalation after 9 s): every opening ends in the right state, one card, one ticket at most.
 */
@HttpTest
class SimulatorMarkersHttpTest {

    @Autowired
    CardPlatformSimulator cards;

    @Autowired
    JiraSimulator jira;

    @Autowired
    NexusBankSimulator nexusBank;

    @Autowired
    Api api;

    @Test
    void noWebhookIsFoundByPolling() {
        String requestId = start("C-8001", "Silent B.V. [no-webhook]");

        JsonNode opened = awaitRecord(requestId, r -> !r.get("cardId").isNull());
        assertThat(opened.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(sources(requestId)).contains("POLL COMPLETED APPLIED").noneMatch(e -> e.startsWith("WEBHOOK"));
        assertThat(cards.cardsIssuedTo("C-8001")).isEqualTo(1);
    }

    @Test
    void duplicatesAreAbsorbedAndOneCardIsIssued() {
        String requestId = start("C-8002", "Echo B.V. [duplicate]");

        awaitRecord(requestId, r -> !r.get("cardId").isNull());
        List<String> events = sources(requestId);
        assertThat(events.stream().filter(e -> e.equals("WEBHOOK COMPLETED APPLIED")))
                .hasSize(1);
        assertThat(events).as("the shield keeps the burst away from the record").hasSizeLessThan(9);
        assertThat(cards.cardsIssuedTo("C-8002")).isEqualTo(1);
    }

    @Test
    void aStatusDeliveredAfterTheTerminalOneIsStale() {
        String requestId = start("C-8003", "Shuffle B.V. [out-of-order]");

        awaitRecord(requestId, r -> !r.get("cardId").isNull());
        await().until(() -> sources(requestId), e -> e.contains("WEBHOOK IN_PROGRESS STALE"));
        assertThat(api.record(requestId).json().get("status").asText()).isEqualTo("COMPLETED");
        assertThat(sources(requestId).indexOf("WEBHOOK IN_PROGRESS STALE"))
                .isGreaterThan(sources(requestId).indexOf("WEBHOOK COMPLETED APPLIED"));
    }

    @Test
    void stuckOpeningEscalatesToOneTicketAndAnOpsTask() {
        String requestId = start("C-8004", "Limbo B.V. [stuck]");

        JsonNode escalated = awaitRecord(requestId, r -> !r.get("ticketKey").isNull());
        String processInstanceId = escalated.get("processInstanceId").asText();
        JsonNode tasks = await().until(
                        () -> api.get("/engine-rest/task?processInstanceId=" + processInstanceId, "demo", "demo")
                                .json(),
                        t -> t.size() == 1);
        assertThat(tasks.get(0).get("taskDefinitionKey").asText()).isEqualTo("Task_ResolveOpening");
        assertThat(api.get(
                                "/engine-rest/task?candidateGroup=ops&processInstanceId=" + processInstanceId,
                                "demo",
                                "demo")
                        .json())
                .hasSize(1);

        var issues = jira.withLabel(OpsTickets.requestLabel(requestId));
        assertThat(issues).hasSize(1);
        assertThat(issues.get(0).key()).isEqualTo(escalated.get("ticketKey").asText());
        assertThat(issues.get(0).description())
                .contains("/camunda/app/cockpit/default/#/process-instance/" + processInstanceId + "/runtime");

        // Ops finishes it from Tasklist; a bad IBAN is refused and the task stays.
        String taskId = tasks.get(0).get("id").asText();
        Api.Reply refused = api.post("/engine-rest/task/" + taskId + "/complete", """
                {"variables": {"resolution": {"value": "MANUAL"}, "iban": {"value": "NL00ABNA0417164300"}, "bic": {"value": "ABNANL2A"}}}""", "demo", "demo");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("message").asText()).contains("iban");
        assertThat(api.get("/engine-rest/task/" + taskId, "demo", "demo").status())
                .isEqualTo(200);

        Api.Reply completed = api.post("/engine-rest/task/" + taskId + "/complete", """
                {"variables": {"resolution": {"value": "MANUAL"}, "iban": {"value": "NL91ABNA0417164300"}, "bic": {"value": "ABNANL2A"}}}""", "demo", "demo");
        assertThat(completed.status()).isEqualTo(204);
        JsonNode opened = awaitRecord(requestId, r -> !r.get("cardId").isNull());
        assertThat(opened.get("iban").asText()).isEqualTo("NL91ABNA0417164300");
        await().until(
                        () -> jira.withLabel(OpsTickets.requestLabel(requestId))
                                .get(0)
                                .comments(),
                        c -> !c.isEmpty());
        assertThat(jira.withLabel(OpsTickets.requestLabel(requestId))).hasSize(1);
    }

    @Test
    void providerDownBecomesAnIncidentThatCockpitsRetryResumes() {
        String requestId = start("C-8005", "Outage B.V. [provider-down]");
        String processInstanceId =
                api.record(requestId).json().get("processInstanceId").asText();
        try {
            JsonNode incidents = await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> api.get(
                                            "/engine-rest/incident?processInstanceId=" + processInstanceId,
                                            "demo",
                                            "demo")
                                    .json(),
                            i -> i.size() == 1);
            JsonNode incident = incidents.get(0);
            assertThat(incident.get("activityId").asText()).isEqualTo("Task_RequestProviderAccount");
            assertThat(incident.get("incidentMessage").asText()).contains("NexusBank answered HTTP 503");
            assertThat(api.record(requestId).json().get("status").asText()).isEqualTo("IN_PROGRESS");

            nexusBank.setOutage(false);
            String jobId = incident.get("configuration").asText();
            assertThat(api.put("/engine-rest/job/" + jobId + "/retries", "{\"retries\": 1}", "demo", "demo")
                            .status())
                    .isEqualTo(204);

            JsonNode opened = awaitRecord(requestId, r -> !r.get("cardId").isNull());
            assertThat(opened.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(api.get("/engine-rest/incident?processInstanceId=" + processInstanceId, "demo", "demo")
                            .json())
                    .isEmpty();
        } finally {
            nexusBank.setOutage(true);
        }
    }

    @Test
    void theSimulatorComesBackOverHttp() {
        assertThat(api.put("/simulator/nexusbank/outage", "{\"active\": false}", null, null)
                        .json()
                        .get("active")
                        .asBoolean())
                .isFalse();
        assertThat(api.put("/simulator/nexusbank/outage", "{\"active\": true}", null, null)
                        .json()
                        .get("active")
                        .asBoolean())
                .isTrue();
    }

    private String start(String customerId, String legalName) {
        String requestId = newRequestId();
        assertThat(api.start(requestId, customerId, "NL", "COMPANY", legalName).status())
                .isEqualTo(200);
        return requestId;
    }

    /** The audit trail as "SOURCE STATUS OUTCOME" lines, oldest first. */
    private List<String> sources(String requestId) {
        return StreamSupport.stream(api.events(requestId).json().spliterator(), false)
                .map(e -> e.get("source").asText() + " " + e.get("status").asText() + " "
                        + e.get("outcome").asText())
                .toList();
    }

    private JsonNode awaitRecord(String requestId, Predicate<JsonNode> condition) {
        return await().atMost(Duration.ofSeconds(40))
                .until(() -> api.record(requestId).json(), condition::test);
    }
}

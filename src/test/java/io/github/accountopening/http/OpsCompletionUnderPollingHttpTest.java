package io.github.accountopening.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.accountopening.account.BankAccount;
import io.github.accountopening.simulator.CardPlatformSimulator;
import io.github.accountopening.support.Api;
import io.github.accountopening.support.Api.Reply;
import io.github.accountopening.support.ApiClient;
import io.github.accountopening.support.FreePortInitializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * Ops resolving many escalations while each one's polling timer fires every second: every completion is
 * answered 204 at the first try, whatever the timer was doing, and each opening is completed once, with
 * one card.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {
            "simulator.webhook-delay=PT0.3S",
            "account-opening.polling.interval=PT1S",
            "account-opening.polling.give-up-after=PT2S",
            "account-opening.retry-cycle=R3/PT1S",
            "camunda.bpm.job-execution.wait-time-in-millis=50",
            "camunda.bpm.job-execution.max-wait=200",
            "spring.datasource.url=jdbc:h2:mem:ops-under-polling;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000"
        })
@ContextConfiguration(initializers = FreePortInitializer.class)
@Import(ApiClient.class)
class OpsCompletionUnderPollingHttpTest {

    static final int ESCALATIONS = 50;

    @Autowired
    Api api;

    @Autowired
    CardPlatformSimulator cards;

    record Escalation(String requestId, String customerId, String instance) {}

    @Test
    void everyCompletionSucceedsAtTheFirstTryWhilePollsFire() throws Exception {
        List<Escalation> escalations = IntStream.range(0, ESCALATIONS)
                .mapToObj(i -> {
                    String requestId = Api.newRequestId();
                    String customerId = "C-POLL-" + i;
                    Reply started = api.start(requestId, customerId, "NL", "COMPANY", "Polled " + i + " B.V. [stuck]");
                    assertThat(started.status()).as(started.body()).isEqualTo(200);
                    return new Escalation(
                            requestId, customerId, started.json().path("id").asText());
                })
                .toList();
        Map<Escalation, String> tasks = await().atMost(Duration.ofSeconds(120))
                .until(() -> openTasks(escalations), found -> found.size() == ESCALATIONS);
        // the polling timers are firing: the escalated openings have been polled again, as many times as there are
        // openings
        await().atMost(Duration.ofSeconds(90))
                .until(() -> api.get(
                                        "/engine-rest/history/activity-instance/count?activityId="
                                                + "Task_PollWhileEscalated",
                                        "demo",
                                        "demo")
                                .json()
                                .path("count")
                                .asInt()
                        >= ESCALATIONS);

        ExecutorService ops = Executors.newFixedThreadPool(8);
        try {
            List<Future<Reply>> replies = escalations.stream()
                    .map(e -> ops.submit(() -> {
                        BankAccount account = BankAccount.madeUpFor("NL");
                        return api.post(
                                "/engine-rest/task/" + tasks.get(e) + "/complete",
                                Api.write(Map.of(
                                        "variables",
                                        Map.of(
                                                "resolution", Map.of("value", "MANUAL", "type", "String"),
                                                "iban", Map.of("value", account.iban(), "type", "String"),
                                                "bic", Map.of("value", account.bic(), "type", "String")))),
                                "demo",
                                "demo");
                    }))
                    .toList();
            for (Future<Reply> reply : replies) {
                assertThat(reply.get().status())
                        .as("first try: " + reply.get().body())
                        .isEqualTo(204);
            }
        } finally {
            ops.shutdownNow();
        }

        await().atMost(Duration.ofSeconds(120))
                .until(() -> escalations.stream()
                        .allMatch(e ->
                                !api.record(e.requestId()).json().path("cardId").isNull()));
        for (Escalation e : escalations) {
            JsonNode record = api.record(e.requestId()).json();
            assertThat(record.path("status").asText()).isEqualTo("COMPLETED");
            assertThat(cards.cardsIssuedTo(e.customerId())).as(e.requestId()).isOne();
            assertThat(api.events(e.requestId()).json())
                    .filteredOn(event -> event.path("source").asText().equals("OPS"))
                    .extracting(event -> event.path("status").asText() + " "
                            + event.path("outcome").asText())
                    .as("ops's resolution applied once")
                    .containsExactly("COMPLETED APPLIED");
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> escalations.stream()
                        .allMatch(e -> api.get("/engine-rest/process-instance/" + e.instance(), "demo", "demo")
                                        .status()
                                == 404));
    }

    private Map<Escalation, String> openTasks(List<Escalation> escalations) {
        Map<Escalation, String> found = new java.util.HashMap<>();
        for (Escalation e : escalations) {
            JsonNode tasks = api.get("/engine-rest/task?processInstanceId=" + e.instance(), "demo", "demo")
                    .json();
            if (!tasks.isEmpty()) {
                found.put(e, tasks.get(0).path("id").asText());
            }
        }
        return found;
    }
}

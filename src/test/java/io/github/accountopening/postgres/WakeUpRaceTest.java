package io.github.accountopening.postgres;

import static io.github.accountopening.support.Api.newRequestId;
import static io.github.accountopening.support.Api.webhookBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.accountopening.simulator.CardPlatformSimulator;
import io.github.accountopening.support.Api;
import io.github.accountopening.support.AuditTrail;
import io.github.accountopening.support.PostgresAppTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The terminal webhook fired at the worst moments: before the tracking id is stored, while the
 * process settles into its wait, while it is out polling. Every opening finishes exactly once and
 * no webhook is answered with an error.
 */
@ExtendWith(OutputCaptureExtension.class)
class WakeUpRaceTest extends PostgresAppTest {

    static final int OPENINGS = 60;
    /** Threads of their own for the copies of one delivery, so that they really arrive together. */
    static final ExecutorService COPIES = Executors.newCachedThreadPool();

    @Autowired
    CardPlatformSimulator cards;

    @Test
    void aTerminalWebhookRacingTheProcessIsNeverLost(CapturedOutput output) throws Exception {
        Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
        List<String> requestIds = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        List<Future<?>> sent = new ArrayList<>();

        for (int i = 0; i < OPENINGS; i++) {
            String requestId = newRequestId();
            requestIds.add(requestId);
            assertThat(api.start(requestId, "C-race-" + i, "NL", "COMPANY", "Race " + i + " B.V. [no-webhook]")
                            .status())
                    .isEqualTo(200);
            long delayMillis = ThreadLocalRandom.current().nextLong(0, 1500);
            sent.add(senders.submit(() -> {
                await().pollDelay(Duration.ofMillis(delayMillis)).until(() -> true);
                String body = webhookBody(null, requestId, "COMPLETED", "NL91ABNA0417164300", "ABNANL2A", null);
                // the provider delivers at least once: sometimes twice at the very same moment
                List<Future<Api.Reply>> copies = new ArrayList<>();
                int count = ThreadLocalRandom.current().nextBoolean() ? 2 : 1;
                for (int c = 0; c < count; c++) {
                    copies.add(COPIES.submit(() -> api.webhook(body)));
                }
                for (Future<Api.Reply> copy : copies) {
                    answers.computeIfAbsent(copy.get().status(), s -> new AtomicInteger())
                            .incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> future : sent) {
            future.get(60, TimeUnit.SECONDS);
        }
        senders.shutdown();

        assertThat(answers.keySet())
                .as("every delivery accepted, none refused or failed")
                .containsOnly(202);
        for (int i = 0; i < OPENINGS; i++) {
            String requestId = requestIds.get(i);
            JsonNode opened = await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> api.record(requestId).json(),
                            r -> !r.get("cardId").isNull());
            assertThat(opened.get("status").asText()).isEqualTo("COMPLETED");
            long applied = AuditTrail.applied(api.events(requestId).json(), "COMPLETED");
            assertThat(applied).as("completed exactly once: " + requestId).isEqualTo(1);
            assertThat(cards.cardsIssuedTo("C-race-" + i)).isEqualTo(1);
            String processInstanceId = opened.get("processInstanceId").asText();
            await().until(
                            () -> api.get("/engine-rest/history/process-instance/" + processInstanceId, "demo", "demo")
                                    .json()
                                    .get("state")
                                    .asText(),
                            "COMPLETED"::equals);
        }
        assertThat(output.getAll()).doesNotContain("Cannot correlate");
    }
}

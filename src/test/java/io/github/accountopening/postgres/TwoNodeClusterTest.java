package io.github.accountopening.postgres;

import static io.github.accountopening.support.Api.newRequestId;
import static io.github.accountopening.support.Api.webhookBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.accountopening.AccountOpeningApplication;
import io.github.accountopening.simulator.CardPlatformSimulator;
import io.github.accountopening.simulator.JiraSimulator;
import io.github.accountopening.support.Api;
import io.github.accountopening.support.AuditTrail;
import io.github.accountopening.support.FreePortInitializer;
import io.github.accountopening.support.TwoNodes;
import io.github.accountopening.ticket.OpsTickets;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import redis.embedded.RedisServer;

/**
 * Two application nodes on one PostgreSQL and one Redis, as in production: openings started on one
 * node, webhooks landing on either with duplicates, the shared shield absorbing bursts split across
 * nodes, and one node going away in the middle.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
class TwoNodeClusterTest {

    static final int OPENINGS = 200;

    static RedisServer redis;
    static ConfigurableApplicationContext nodeA;
    static ConfigurableApplicationContext nodeB;
    static Api apiA;
    static Api apiB;

    @BeforeAll
    static void startCluster() throws IOException {
        int redisPort = FreePortInitializer.freePort();
        redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1").build();
        redis.start();
        int portA = FreePortInitializer.freePort();
        int portB = FreePortInitializer.freePort();
        Map<String, Object> common = TwoNodes.sharedSettings(redisPort, portA, portA);
        common.put("simulator.webhook-delay", "PT0.2S");
        common.put("account-opening.polling.interval", "PT2S");
        common.put("account-opening.polling.give-up-after", "PT120S");
        common.put("account-opening.retry-cycle", "R5/PT1S");
        common.put("camunda.bpm.job-execution.wait-time-in-millis", 100);
        common.put("camunda.bpm.job-execution.max-wait", 500);
        nodeA = node(common, portA);
        nodeB = node(common, portB);
        apiA = new Api(portA);
        apiB = new Api(portB);
    }

    private static ConfigurableApplicationContext node(Map<String, Object> common, int port) {
        Map<String, Object> properties = new HashMap<>(common);
        properties.put("server.port", port);
        // as command-line arguments, so that they win over the profile's own settings
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(AccountOpeningApplication.class)
                .profiles("postgres")
                .run(args);
    }

    @AfterAll
    static void stopCluster() throws IOException {
        for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] {nodeA, nodeB}) {
            if (node != null && node.isActive()) {
                node.close();
            }
        }
        if (redis != null && redis.isActive()) {
            redis.stop();
        }
    }

    @Test
    @Order(1)
    void webhooksLandingOnEitherNodeFinishEveryOpeningExactlyOnce(CapturedOutput output) throws Exception {
        List<String> requestIds = new ArrayList<>();
        for (int i = 0; i < OPENINGS; i++) {
            String requestId = newRequestId();
            assertThat(apiA.start(requestId, "C-node-" + i, "NL", "COMPANY", "Node " + i + " B.V. [no-webhook]")
                            .status())
                    .isEqualTo(200);
            requestIds.add(requestId);
        }
        Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        List<Future<?>> sent = new ArrayList<>();
        for (String requestId : requestIds) {
            sent.add(senders.submit(() -> {
                String body = webhookBody(null, requestId, "COMPLETED", "NL91ABNA0417164300", "ABNANL2A", null);
                int copies = 1 + ThreadLocalRandom.current().nextInt(3);
                for (int c = 0; c < copies; c++) {
                    Api node = ThreadLocalRandom.current().nextBoolean() ? apiA : apiB;
                    answers.computeIfAbsent(node.webhook(body).status(), s -> new AtomicInteger())
                            .incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> future : sent) {
            future.get(60, TimeUnit.SECONDS);
        }
        senders.shutdown();

        assertThat(answers.keySet()).containsOnly(202);
        CardPlatformSimulator cards = nodeA.getBean(CardPlatformSimulator.class);
        JiraSimulator jira = nodeA.getBean(JiraSimulator.class);
        for (int i = 0; i < OPENINGS; i++) {
            String requestId = requestIds.get(i);
            Api reader = i % 2 == 0 ? apiA : apiB;
            JsonNode opened = await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> reader.record(requestId).json(),
                            r -> !r.get("cardId").isNull());
            assertThat(opened.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(AuditTrail.applied(reader.events(requestId).json(), "COMPLETED"))
                    .as("completed once: " + requestId)
                    .isEqualTo(1);
            assertThat(cards.cardsIssuedTo("C-node-" + i)).isEqualTo(1);
            assertThat(jira.withLabel(OpsTickets.requestLabel(requestId))).isEmpty();
        }
        assertThat(output.getAll())
                .as("no webhook raced a polling timer into a failed correlation")
                .doesNotContain("Cannot correlate");
    }

    @Test
    @Order(2)
    void theSharedShieldAbsorbsABurstSplitAcrossTheNodes() {
        String requestId = newRequestId();
        apiA.start(requestId, "C-burst", "BE", "COMPANY", "Burst BV [stuck]");
        await().until(
                        () -> apiA.record(requestId).json(),
                        r -> r.get("providerStatus").asText().equals("IN_PROGRESS"));
        String body = webhookBody(null, requestId, "REJECTED", null, null, "burst");

        Api.Reply first = apiA.webhook(body);
        Api.Reply second = apiB.webhook(body);
        Api.Reply third = apiB.webhook(body);

        assertThat(first.json().get("outcome").asText()).isEqualTo("APPLIED");
        assertThat(second.json().get("outcome").asText()).isEqualTo("SHIELDED");
        assertThat(third.json().get("outcome").asText()).isEqualTo("SHIELDED");
        assertThat(apiB.get("/actuator/health/dependencies", "demo", "demo")
                        .json()
                        .at("/components/duplicateShield/details/reachable")
                        .asBoolean())
                .isTrue();
    }

    @Test
    @Order(3)
    void whenOneNodeGoesAwayTheOtherFinishesItsOpenings() {
        List<String> requestIds = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String requestId = newRequestId();
            // started on B, whose job executor fetches their jobs; the simulator (on A) answers
            apiB.start(requestId, "C-leave-" + i, "NL", "FREELANCER", "Leaving " + i + " [no-webhook]");
            requestIds.add(requestId);
        }
        nodeB.close();
        // Camunda's REST API looks its engine up in a JVM-wide registry; in production every node is its own JVM.
        ProcessEngines.registerProcessEngine(nodeA.getBean(ProcessEngine.class));

        for (String requestId : requestIds) {
            JsonNode opened = await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> apiA.record(requestId).json(),
                            r -> !r.get("cardId").isNull());
            assertThat(opened.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(AuditTrail.applied(apiA.events(requestId).json(), "COMPLETED"))
                    .isEqualTo(1);
        }
    }

    @Test
    @Order(4)
    void aRedisThatIsDownLetsWebhooksThroughAndSaysSo() throws IOException {
        String requestId = newRequestId();
        apiA.start(requestId, "C-no-redis", "NL", "COMPANY", "Redisless B.V. [stuck]");
        await().until(
                        () -> apiA.record(requestId).json(),
                        r -> r.get("providerStatus").asText().equals("IN_PROGRESS"));
        redis.stop();

        Api.Reply reply =
                apiA.webhook(webhookBody(null, requestId, "COMPLETED", "NL91ABNA0417164300", "ABNANL2A", null));

        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.json().get("outcome").asText()).isEqualTo("APPLIED");
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> apiA.record(requestId).json(),
                        r -> !r.get("cardId").isNull());
        assertThat(apiA.get("/actuator/prometheus", "demo", "demo").body())
                .containsPattern("account_opening_dedup_unavailable_total\\{[^}]*\\} [1-9]");
        JsonNode health =
                apiA.get("/actuator/health/dependencies", "demo", "demo").json();
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/duplicateShield/details/reachable").asBoolean())
                .isFalse();
    }
}

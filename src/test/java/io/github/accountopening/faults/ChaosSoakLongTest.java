package io.github.accountopening.faults;

import static io.github.accountopening.support.Api.newRequestId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.accountopening.process.engine.OrphanWatch;
import io.github.accountopening.simulator.CardPlatformSimulator;
import io.github.accountopening.simulator.JiraSimulator;
import io.github.accountopening.simulator.NexusBankSimulator;
import io.github.accountopening.support.Api;
import io.github.accountopening.support.AuditTrail;
import io.github.accountopening.support.FreePortInitializer;
import io.github.accountopening.support.StandaloneApp;
import io.github.accountopening.support.TwoNodes;
import io.github.accountopening.ticket.OpsTickets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/**
 * Long (profile {@code faults}): 1,000 openings on two nodes while the simulator duplicates 30%,
 * drops 20% and reorders 30% of its webhooks, and the node receiving them is restarted midway.
 * Writes its figures to {@code target/faults/chaos-soak.md}.
 */
class ChaosSoakLongTest {

    static final int OPENINGS = 1000;

    RedisServer redis;
    StandaloneApp nodeA;
    StandaloneApp nodeB;

    @AfterEach
    void stop() throws IOException {
        for (StandaloneApp node : new StandaloneApp[] {nodeB, nodeA}) {
            if (node != null) {
                node.close();
            }
        }
        if (redis != null && redis.isActive()) {
            redis.stop();
        }
    }

    @Test
    void everyOpeningEndsAsDecidedThroughChaosAndARestart() throws Exception {
        int redisPort = FreePortInitializer.freePort();
        redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1").build();
        redis.start();
        int portA = FreePortInitializer.freePort();
        int portB = FreePortInitializer.freePort();
        // Node B receives the webhooks of node A's simulators.
        Map<String, Object> common = TwoNodes.sharedSettings(redisPort, portA, portB);
        common.put("simulator.webhook-delay", "PT0.5S");
        common.put("simulator.chaos.duplicate-rate", 0.3);
        common.put("simulator.chaos.drop-rate", 0.2);
        common.put("simulator.chaos.reorder-rate", 0.3);
        common.put("account-opening.polling.interval", "PT5S");
        common.put("account-opening.polling.give-up-after", "PT10M");
        common.put("account-opening.retry-cycle", "R10/PT2S");
        common.put("camunda.bpm.job-execution.lock-time-in-millis", 10000);
        nodeA = StandaloneApp.start(with(common, portA), "postgres");
        nodeB = StandaloneApp.start(with(common, portB), "postgres");
        nodeA.serveRest();
        Api api = nodeA.api();

        Instant started = Instant.now();
        List<String> requestIds = new ArrayList<>();
        for (int i = 0; i < OPENINGS; i++) {
            String requestId = newRequestId();
            String marker =
                    i % 10 == 0 ? " [reject]" : i % 10 == 1 ? " [out-of-order]" : i % 10 == 2 ? " [duplicate]" : "";
            assertThat(api.start(requestId, "C-soak-" + i, i % 2 == 0 ? "NL" : "BE", "COMPANY", "Soak " + i + marker)
                            .status())
                    .isEqualTo(200);
            requestIds.add(requestId);
            if (i == OPENINGS / 2) {
                nodeB.close(); // the node receiving the webhooks goes away and comes back
                nodeB = StandaloneApp.start(with(common, portB), "postgres");
                nodeA.serveRest();
            }
        }

        NexusBankSimulator nexusBank = nodeA.bean(NexusBankSimulator.class);
        CardPlatformSimulator cards = nodeA.bean(CardPlatformSimulator.class);
        JiraSimulator jira = nodeA.bean(JiraSimulator.class);
        int completed = 0;
        int rejected = 0;
        int backwards = 0;
        int doubleCards = 0;
        int tickets = 0;
        for (int i = 0; i < OPENINGS; i++) {
            String requestId = requestIds.get(i);
            String decided = nexusBank.openingForRequest(requestId).decidedOutcome();
            JsonNode record = await().atMost(Duration.ofMinutes(5))
                    .until(
                            () -> api.record(requestId).json(),
                            r -> decided.equals("COMPLETED")
                                    ? !r.get("cardId").isNull()
                                    : r.get("status").asText().equals(decided));
            assertThat(record.get("status").asText()).isEqualTo(decided);
            completed += decided.equals("COMPLETED") ? 1 : 0;
            rejected += decided.equals("REJECTED") ? 1 : 0;
            doubleCards += cards.cardsIssuedTo("C-soak-" + i) > 1 ? 1 : 0;
            tickets += jira.withLabel(OpsTickets.requestLabel(requestId)).size();
            backwards += AuditTrail.backwardSteps(api.events(requestId).json());
        }
        Duration took = Duration.between(started, Instant.now());
        long orphans = nodeA.bean(OrphanWatch.class).count();
        Map<Integer, Long> answers = nexusBank.webhookAnswers();

        Path report = Path.of("target/faults/chaos-soak.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, """
                | figure | value |
                |---|---|
                | openings | %d (%d completed, %d rejected) |
                | chaos | 30%% duplicated, 20%% dropped, 30%% reordered webhooks; webhook node restarted after %d starts |
                | webhook deliveries by answer | %s |
                | ended as the provider decided | %d of %d |
                | double cards | %d |
                | tickets | %d |
                | backward transitions (from the history) | %d |
                | orphaned openings afterwards | %d |
                | time to finish all | %d s |
                """.formatted(
                        OPENINGS,
                        completed,
                        rejected,
                        OPENINGS / 2,
                        answers,
                        completed + rejected,
                        OPENINGS,
                        doubleCards,
                        tickets,
                        backwards,
                        orphans,
                        took.toSeconds()));
        assertThat(doubleCards).isZero();
        assertThat(tickets).isZero();
        assertThat(backwards).isZero();
        assertThat(orphans).isZero();
    }

    private static Map<String, Object> with(Map<String, Object> common, int port) {
        Map<String, Object> settings = new HashMap<>(common);
        settings.put("server.port", port);
        return settings;
    }
}

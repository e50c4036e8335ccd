package io.github.accountopening.faults;

import static io.github.accountopening.support.Api.newRequestId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.accountopening.simulator.CardPlatformSimulator;
import io.github.accountopening.simulator.JiraSimulator;
import io.github.accountopening.simulator.NexusBankSimulator;
import io.github.accountopening.support.Api;
import io.github.accountopening.support.AuditTrail;
import io.github.accountopening.support.ChildProcessApp;
import io.github.accountopening.support.EmbeddedPostgres;
import io.github.accountopening.support.FreePortInitializer;
import io.github.accountopening.support.Simulators;
import io.github.accountopening.support.StandaloneApp;
import io.github.accountopening.ticket.OpsTickets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application process killed with SIGKILL at random moments while openings run (provider calls,
 * webhooks, polls, Jira calls), then started again: every webhook it accepted has taken effect, every
 * opening finishes, no second card, no second ticket. NexusBank, the card platform and Jira are
 * simulated by a second application that is not killed.
 */
class KillNineTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path logs;

    StandaloneApp providers;
    ChildProcessApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.stop();
        }
        if (providers != null) {
            providers.close();
        }
    }

    @Test
    void killedTwiceMidFlightItFinishesEveryOpeningExactlyOnce() throws Exception {
        int appPort = FreePortInitializer.freePort();
        providers = StandaloneApp.start(Map.of(
                "spring.datasource.url", "jdbc:h2:mem:providers;DB_CLOSE_DELAY=-1",
                "simulator.webhook-delay", "PT1S",
                "simulator.webhook-url", Simulators.webhookUrl(appPort)));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("spring.profiles.active", "postgres");
        settings.putAll(EmbeddedPostgres.newDatabaseSettings());
        settings.put("simulator.enabled", false);
        settings.putAll(Simulators.servedOn(providers.port()));
        settings.put("account-opening.polling.interval", "PT2S");
        settings.put("account-opening.polling.give-up-after", "PT10S");
        settings.put("account-opening.retry-cycle", "R20/PT2S");
        settings.put("camunda.bpm.job-execution.lock-time-in-millis", 10000);
        app = new ChildProcessApp(settings, appPort, logs.resolve("app.log"));
        app.start();
        Api api = app.api();

        List<String> requestIds = new ArrayList<>();
        List<String> stuck = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String marker = i % 8 == 0 ? " [stuck]" : i % 8 == 1 ? " [no-webhook]" : i % 8 == 2 ? " [reject]" : "";
            String requestId = newRequestId();
            assertThat(api.start(requestId, "C-kill-" + i, i % 2 == 0 ? "NL" : "BE", "COMPANY", "Killed " + i + marker)
                            .status())
                    .isEqualTo(200);
            requestIds.add(requestId);
            if (marker.equals(" [stuck]")) {
                stuck.add(requestId);
            }
        }
        for (int round = 0; round < 2; round++) {
            await().pollDelay(Duration.ofMillis(ThreadLocalRandom.current().nextLong(500, 4000)))
                    .until(() -> true);
            app.kill();
            app.start();
        }

        NexusBankSimulator nexusBank = providers.bean(NexusBankSimulator.class);
        CardPlatformSimulator cards = providers.bean(CardPlatformSimulator.class);
        JiraSimulator jira = providers.bean(JiraSimulator.class);
        for (int i = 0; i < requestIds.size(); i++) {
            String requestId = requestIds.get(i);
            String decided = nexusBank.openingForRequest(requestId).decidedOutcome();
            JsonNode record = await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> api.record(requestId).json(),
                            r -> decided.equals("COMPLETED")
                                    ? !r.get("cardId").isNull()
                                    : decided.equals("REJECTED")
                                            ? r.get("status").asText().equals("REJECTED")
                                            : !r.get("ticketKey").isNull());
            assertThat(cards.cardsIssuedTo("C-kill-" + i)).isEqualTo(decided.equals("COMPLETED") ? 1 : 0);
            assertThat(jira.withLabel(OpsTickets.requestLabel(requestId))).hasSize(stuck.contains(requestId) ? 1 : 0);
            assertThat(AuditTrail.backwardSteps(api.events(requestId).json()))
                    .as("no step backwards in " + requestId)
                    .isZero();
            if (stuck.contains(requestId)) {
                String processInstanceId = record.get("processInstanceId").asText();
                assertThat(await().atMost(Duration.ofSeconds(60))
                                .until(
                                        () -> api.get(
                                                        "/engine-rest/task?processInstanceId=" + processInstanceId,
                                                        "demo",
                                                        "demo")
                                                .json(),
                                        t -> t.size() == 1))
                        .hasSize(1);
            }
        }
        for (String body : nexusBank.acceptedWebhooks()) {
            JsonNode webhook = JSON.readTree(body);
            if (webhook.get("status").asText().equals("COMPLETED")
                    || webhook.get("status").asText().equals("REJECTED")) {
                assertThat(api.record(webhook.get("reference").asText())
                                .json()
                                .get("status")
                                .asText())
                        .as("an accepted webhook took effect")
                        .isEqualTo(webhook.get("status").asText());
            }
        }
        assertThat(api.get("/actuator/health/dependencies", "demo", "demo")
                        .json()
                        .at("/components/orphans/details/orphanedOpenings")
                        .asLong())
                .isZero();
    }
}

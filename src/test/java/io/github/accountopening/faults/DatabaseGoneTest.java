package io.github.accountopening.faults;

import static io.github.accountopening.support.Api.newRequestId;
import static io.github.accountopening.support.Api.webhookBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.accountopening.process.engine.OrphanWatch;
import io.github.accountopening.simulator.NexusBankSimulator;
import io.github.accountopening.support.Api;
import io.github.accountopening.support.AuditTrail;
import io.github.accountopening.support.FreePortInitializer;
import io.github.accountopening.support.StandaloneApp;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stopped while openings are under way: webhooks are answered 503 with Retry-After and
 * nothing is half-written; once the database is back, the provider's retries and our polls finish
 * every opening.
 */
class DatabaseGoneTest {

    static final int OPENINGS = 30;

    @TempDir
    Path dataDirectory;

    EmbeddedPostgres postgres;
    StandaloneApp app;

    @AfterEach
    void stop() throws IOException {
        if (app != null) {
            app.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void webhooksAre503WhileTheDatabaseIsGoneAndEveryOpeningFinishesAfterwards() throws Exception {
        int dbPort = FreePortInitializer.freePort();
        postgres = startPostgres(dbPort);
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("create database account_opening");
        }
        app = StandaloneApp.start(
                Map.of(
                        "spring.datasource.url", postgres.getJdbcUrl("postgres", "account_opening"),
                        "spring.datasource.username", "postgres",
                        "spring.datasource.password", "postgres",
                        "spring.datasource.hikari.connection-timeout", 2000,
                        "simulator.webhook-delay", "PT1S",
                        "account-opening.polling.interval", "PT2S",
                        "account-opening.retry-cycle", "R20/PT2S"),
                "postgres");
        app.serveRest();
        Api api = app.api();
        List<String> requestIds = new ArrayList<>();
        for (int i = 0; i < OPENINGS; i++) {
            String requestId = newRequestId();
            assertThat(api.start(requestId, "C-db-" + i, "NL", "COMPANY", "Outage " + i + " B.V.")
                            .status())
                    .isEqualTo(200);
            requestIds.add(requestId);
        }

        postgres.close();
        // a status nobody has seen yet, so that the duplicate shield cannot answer it without the database
        Api.Reply duringOutage =
                api.webhook(webhookBody(null, newRequestId(), "COMPLETED", "NL91ABNA0417164300", "ABNANL2A", null));
        assertThat(duringOutage.status()).isEqualTo(503);
        assertThat(duringOutage.contentType()).startsWith("application/problem+json");
        assertThat(duringOutage.headers().get("retry-after")).containsExactly("5");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> app.bean(NexusBankSimulator.class).webhookAnswers().containsKey(503));

        postgres = startPostgres(dbPort);

        NexusBankSimulator nexusBank = app.bean(NexusBankSimulator.class);
        for (String requestId : requestIds) {
            JsonNode opened = await().atMost(Duration.ofSeconds(90))
                    .until(
                            () -> api.record(requestId).json(),
                            r -> r.has("cardId") && !r.get("cardId").isNull());
            assertThat(opened.get("iban").asText())
                    .isEqualTo(nexusBank.openingForRequest(requestId).account().iban());
            long completions = AuditTrail.applied(api.events(requestId).json(), "COMPLETED");
            assertThat(completions).isEqualTo(1);
        }
        assertThat(app.bean(OrphanWatch.class).count()).isZero();
    }

    private EmbeddedPostgres startPostgres(int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .start();
    }
}

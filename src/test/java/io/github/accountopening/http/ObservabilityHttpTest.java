package io.github.accountopening.http;

import static io.github.accountopening.support.Api.newRequestId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.accountopening.support.Api;
import io.github.accountopening.support.HttpTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What ops reads off /actuator: the counts an opening made, and the health of what it depends on. */
@HttpTest
class ObservabilityHttpTest {

    private static final DateTimeFormatter CAMUNDA_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    @Autowired
    Api api;

    @Test
    void anOpeningShowsUpInThePrometheusFigures() {
        double completedBefore =
                metric("account_opening_transitions_total", "from=\"IN_PROGRESS\"", "to=\"COMPLETED\"");
        double appliedBefore = metric("account_opening_webhooks_total", "outcome=\"APPLIED\"");
        double badSignaturesBefore = metric("account_opening_webhooks_rejected_total", "reason=\"bad_signature\"");
        double ibanWaitsBefore = metric("account_opening_iban_wait_seconds_count");

        String requestId = newRequestId();
        api.start(requestId, "C-metrics", "NL", "COMPANY", "Counted B.V.");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.record(requestId).json(), r -> !r.get("cardId").isNull());
        api.webhook("msg_forged", Instant.now().getEpochSecond(), "{}", "whsec_Zm9yZ2VkLWZvcmdlZC1mb3JnZWQtZm9yZ2Vk");

        assertThat(metric("account_opening_transitions_total", "from=\"IN_PROGRESS\"", "to=\"COMPLETED\""))
                .isGreaterThanOrEqualTo(completedBefore + 1);
        // COMPLETED is applied; IN_PROGRESS too, unless a busy machine delivers it after COMPLETED (then STALE).
        assertThat(metric("account_opening_webhooks_total", "outcome=\"APPLIED\""))
                .isGreaterThanOrEqualTo(appliedBefore + 1);
        assertThat(metric("account_opening_webhooks_rejected_total", "reason=\"bad_signature\""))
                .isEqualTo(badSignaturesBefore + 1);
        assertThat(metric("account_opening_iban_wait_seconds_count")).isGreaterThanOrEqualTo(ibanWaitsBefore + 1);
        assertThat(api.get("/actuator/prometheus", "demo", "demo").body())
                .contains(
                        "account_opening_in_progress",
                        "account_opening_tickets_open",
                        "account_opening_escalations_total",
                        "account_opening_polls_total",
                        "camunda_incidents_open",
                        "camunda_jobs_waiting",
                        "camunda_jobs_failed");
        assertThat(metric("account_opening_orphans"))
                .as("no opening left behind")
                .isZero();
    }

    @Test
    void prometheusNeedsCredentialsAndHealthShowsTheDatabaseAndTheOrphans() {
        assertThat(api.get("/actuator/prometheus", null, null).status()).isEqualTo(401);

        JsonNode health =
                api.get("/actuator/health/dependencies", "demo", "demo").json();
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/orphans/details/orphanedOpenings").asLong())
                .isZero();
        assertThat(api.get("/actuator/health", null, null).json().get("status").asText())
                .isEqualTo("UP");
    }

    @Test
    void historyCleanupRunsInTheNightlyWindow() {
        JsonNode window = api.get("/engine-rest/history/cleanup/configuration", "demo", "demo")
                .json();

        assertThat(window.get("enabled").asBoolean()).isTrue();
        ZonedDateTime start =
                ZonedDateTime.parse(window.get("batchWindowStartTime").asText(), CAMUNDA_DATE);
        ZonedDateTime end = ZonedDateTime.parse(window.get("batchWindowEndTime").asText(), CAMUNDA_DATE);
        assertThat(start.toLocalTime()).isEqualTo(LocalTime.of(1, 0));
        assertThat(end.toLocalTime()).isEqualTo(LocalTime.of(5, 0));
        assertThat(Duration.between(start, end)).isEqualTo(Duration.ofHours(4));
    }

    /** Sum of every series of a metric whose labels contain all the given ones. */
    private double metric(String name, String... labels) {
        String body = api.get("/actuator/prometheus", "demo", "demo").body();
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? ([0-9.eE+-]+)$")
                .matcher(body);
        double sum = 0;
        while (m.find()) {
            String found = m.group(1) == null ? "" : m.group(1);
            boolean matches = true;
            for (String label : labels) {
                matches &= found.contains(label);
            }
            if (matches) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }
}

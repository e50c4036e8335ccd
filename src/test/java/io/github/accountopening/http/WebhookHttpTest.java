package io.github.accountopening.http;

import static io.github.accountopening.support.Api.newRequestId;
import static io.github.accountopening.support.Api.webhookBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import io.github.accountopening.support.Api;
import io.github.accountopening.support.HttpTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The provider's view: every answer of the webhook table, each refusal checked to have changed
 * nothing on the record it names.
 */
@HttpTest
class WebhookHttpTest {

    static final String IBAN = "NL91ABNA0417164300";
    static final String BIC = "ABNANL2A";

    @Autowired
    Api api;

    String requestId;
    String trackingId;

    /** An opening the simulator keeps IN_PROGRESS, so every status here comes from the test. */
    @BeforeEach
    void stuckOpening() {
        requestId = newRequestId();
        api.start(requestId, "C-7001", "NL", "COMPANY", "Waiting B.V. [stuck]");
        JsonNode record = await().until(
                        () -> api.record(requestId).json(),
                        r -> r.get("providerStatus").asText().equals("IN_PROGRESS")
                                && !r.get("trackingId").isNull());
        trackingId = record.get("trackingId").asText();
    }

    @Test
    void aVerifiedCompletedWebhookOpensTheAccountAndItsRepeatIsAbsorbed() {
        String body = webhookBody(trackingId, requestId, "COMPLETED", IBAN, BIC, null);

        Api.Reply accepted = api.webhook(body);
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.json().get("outcome").asText()).isEqualTo("APPLIED");

        JsonNode opened = await().atMost(Duration.ofSeconds(20))
                .until(() -> api.record(requestId).json(), r -> !r.get("cardId").isNull());
        assertThat(opened.get("iban").asText()).isEqualTo(IBAN);
        int events = api.events(requestId).json().size();

        Api.Reply repeated = api.webhook(body);
        assertThat(repeated.status()).isEqualTo(202);
        assertThat(repeated.json().get("outcome").asText()).isEqualTo("SHIELDED");
        assertThat(api.events(requestId).json().size())
                .as("nothing processed again")
                .isEqualTo(events);
    }

    @Test
    void aWebhookNamingOnlyTheTrackingIdIsMatched() {
        Api.Reply accepted = api.webhook(webhookBody(trackingId, null, "REJECTED", null, null, "sanctions list"));

        assertThat(accepted.status()).isEqualTo(202);
        JsonNode rejected = api.record(requestId).json();
        assertThat(rejected.get("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.get("rejectionReason").asText()).isEqualTo("sanctions list");
    }

    @Test
    void aWebhookDeliveredThroughSvixWithItsHeaderNamesIsAccepted() throws Exception {
        String body = webhookBody(trackingId, requestId, "REJECTED", null, null, "delivered through Svix");
        String id = "msg_" + UUID.randomUUID();
        long now = Instant.now().getEpochSecond();
        Api.Reply accepted = api.webhookWithHeaders(
                body,
                Map.of(
                        "svix-id",
                        id,
                        "svix-timestamp",
                        Long.toString(now),
                        "svix-signature",
                        new Webhook(Api.DEV_WEBHOOK_SECRET).sign(id, now, body)));

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.json().get("webhookId").asText()).isEqualTo(id);
        assertThat(api.record(requestId).json().get("rejectionReason").asText()).isEqualTo("delivered through Svix");
    }

    @Test
    void aMixOfSvixAndWebhookHeadersIs400() throws Exception {
        String before = snapshot();
        String body = webhookBody(trackingId, requestId, "COMPLETED", IBAN, BIC, null);
        long now = Instant.now().getEpochSecond();
        Api.Reply reply = api.webhookWithHeaders(
                body,
                Map.of(
                        "svix-id",
                        "msg_mix",
                        "webhook-timestamp",
                        Long.toString(now),
                        "webhook-signature",
                        new Webhook(Api.DEV_WEBHOOK_SECRET).sign("msg_mix", now, body)));

        assertProblem(reply, 400, "missing webhook headers: webhook-id");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void missingHeadersAre400() {
        String before = snapshot();
        Api.Reply reply = api.webhookWithHeaders(
                webhookBody(trackingId, requestId, "COMPLETED", IBAN, BIC, null), Map.of("webhook-id", "msg_1"));

        assertProblem(reply, 400, "missing webhook headers: webhook-timestamp, webhook-signature");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aBodyThatIsNotJsonIs400() {
        String before = snapshot();
        assertProblem(api.webhook("status=COMPLETED&iban=" + IBAN), 400, "body is not JSON");
        assertProblem(api.webhook("[\"COMPLETED\"]"), 400, "JSON object");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void anUnknownStatusIs400() {
        String before = snapshot();
        assertProblem(
                api.webhook(webhookBody(trackingId, requestId, "DONE", IBAN, BIC, null)),
                400,
                "status 'DONE' is unknown");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aWebhookNamingNoOpeningIs400() {
        String before = snapshot();
        assertProblem(
                api.webhook(webhookBody(null, null, "COMPLETED", IBAN, BIC, null)),
                400,
                "neither tracking_id nor reference");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void completedWithoutAValidIbanAndBicIs400() {
        String before = snapshot();
        assertProblem(
                api.webhook(webhookBody(trackingId, requestId, "COMPLETED", "NL92ABNA0417164300", BIC, null)),
                400,
                "iban 'NL92ABNA0417164300' is not valid");
        assertProblem(
                api.webhook(webhookBody(trackingId, requestId, "COMPLETED", IBAN, null, null)), 400, "bic is missing");
        assertProblem(
                api.webhook(webhookBody(trackingId, requestId, "COMPLETED", null, BIC, null)), 400, "iban is missing");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aWrongSignatureIs401() {
        String before = snapshot();
        String body = webhookBody(trackingId, requestId, "COMPLETED", IBAN, BIC, null);
        Api.Reply reply = api.webhook(
                "msg_" + UUID.randomUUID(),
                Instant.now().getEpochSecond(),
                body,
                "whsec_c29tZW9uZS1lbHNlcy1zZWNyZXQtc29tZW9uZS1lbHNl");

        assertProblem(reply, 401, "matches none of our secrets");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aTimestampMoreThanFiveMinutesOffIs401() {
        String before = snapshot();
        String body = webhookBody(trackingId, requestId, "COMPLETED", IBAN, BIC, null);
        long sixMinutesAgo = Instant.now().minus(Duration.ofMinutes(6)).getEpochSecond();

        assertProblem(api.webhook("msg_old", sixMinutesAgo, body, Api.DEV_WEBHOOK_SECRET), 401, "webhook-timestamp is");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aBodyOver64KiBIs413() {
        String before = snapshot();
        String body = webhookBody(trackingId, requestId, "REJECTED", null, null, "x".repeat(70_000));

        assertProblem(api.webhook(body), 413, "larger than 65536 bytes");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aTrackingIdThatBelongsToAnotherOpeningIs400() {
        String before = snapshot();
        assertProblem(
                api.webhook(webhookBody("trk-someone-else", requestId, "REJECTED", null, null, "no")),
                400,
                "does not belong to request '" + requestId + "'");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aReferenceLongerThanARequestIdIs400NotRetryLater() {
        String before = snapshot();
        Api.Reply reply = api.webhook(webhookBody(trackingId, "r".repeat(10_000), "REJECTED", null, null, "no"));

        assertProblem(reply, 400, "reference must be 1-64 of [A-Za-z0-9._-]");
        assertThat(reply.headers()).doesNotContainKey("retry-after");
        assertThat(snapshot()).isEqualTo(before);
    }

    /** Every field is checked against what the record can hold before it gets near the database. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            tracking_id over 128 characters | tracking_id
            reference with a space          | reference
            reason over 500 characters      | reason
            iban over 34 characters         | iban
            bic over 11 characters          | bic
            occurred_at not a time          | occurred_at
            """)
    void aFieldTheRecordCannotHoldIs400NamingIt(String fieldCase, String field) {
        String before = snapshot();
        Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of(
                "tracking_id",
                trackingId,
                "reference",
                requestId,
                "status",
                "REJECTED",
                "reason",
                "no",
                "occurred_at",
                Instant.now().toString()));
        body.put(
                field,
                switch (field) {
                    case "tracking_id" -> "t".repeat(129);
                    case "reference" -> "req 42";
                    case "reason" -> "r".repeat(501);
                    case "iban" -> "NL91ABNA0417164300".repeat(3);
                    case "bic" -> "ABNANL2AXXXX";
                    default -> "yesterday";
                });

        Api.Reply reply = api.webhook(Api.write(body));

        assertProblem(reply, 400, field + " must be");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aWebhookIdLongerThanTheAuditTrailHoldsIs400() {
        String before = snapshot();
        String body = webhookBody(trackingId, requestId, "REJECTED", null, null, "no");

        assertProblem(
                api.webhook("msg_" + "x".repeat(300), Instant.now().getEpochSecond(), body, Api.DEV_WEBHOOK_SECRET),
                400,
                "webhook-id must be");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aDeliveryThroughSvixIsRefusedInTheNamesOfItsOwnHeaders() throws Exception {
        String before = snapshot();
        String body = webhookBody(trackingId, requestId, "COMPLETED", IBAN, BIC, null);
        long now = Instant.now().getEpochSecond();
        long old = now - Duration.ofMinutes(6).toSeconds();

        assertProblem(
                api.webhookWithHeaders(
                        body,
                        Map.of(
                                "svix-id",
                                "msg_svix_forged",
                                "svix-timestamp",
                                Long.toString(now),
                                "svix-signature",
                                new Webhook("whsec_c29tZW9uZS1lbHNlcy1zZWNyZXQtc29tZW9uZS1lbHNl")
                                        .sign("msg_svix_forged", now, body))),
                401,
                "svix-signature matches none of our secrets");
        assertProblem(
                api.webhookWithHeaders(
                        body,
                        Map.of(
                                "svix-id",
                                "msg_svix_old",
                                "svix-timestamp",
                                Long.toString(old),
                                "svix-signature",
                                new Webhook(Api.DEV_WEBHOOK_SECRET).sign("msg_svix_old", old, body))),
                401,
                "svix-timestamp is");
        assertProblem(
                api.webhookWithHeaders(
                        body, Map.of("svix-id", "msg_svix_partial", "svix-timestamp", Long.toString(now))),
                400,
                "missing webhook headers: svix-signature");
        assertThat(snapshot()).isEqualTo(before);
    }

    private void assertProblem(Api.Reply reply, int status, String detail) {
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("detail").asText()).contains(detail);
    }

    /** The record and its history as a user sees them. */
    private String snapshot() {
        return api.record(requestId).body() + api.events(requestId).body();
    }
}

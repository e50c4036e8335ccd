package io.github.accountopening.faults;

import static io.github.accountopening.support.Api.newRequestId;
import static io.github.accountopening.support.Api.webhookBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.accountopening.process.engine.OrphanWatch;
import io.github.accountopening.support.Api;
import io.github.accountopening.support.StandaloneApp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and mutated webhooks and start calls: never a 5xx, never a changed record, always
 * {@code application/problem+json} (or Camunda's JSON error for its own REST API), and replays refused.
 */
class BadInputPropertiesTest {

    static StandaloneApp app;
    static Api api;
    static String requestId;
    static String trackingId;

    @BeforeContainer
    static void start() {
        app = StandaloneApp.start(
                Map.of("spring.datasource.url", "jdbc:h2:mem:bad-input;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000"));
        app.serveRest();
        api = app.api();
        requestId = newRequestId();
        api.start(requestId, "C-fuzz", "NL", "COMPANY", "Fuzzed B.V. [stuck]");
        trackingId = await().until(
                        () -> api.record(requestId).json(),
                        r -> r.get("providerStatus").asText().equals("IN_PROGRESS"))
                .get("trackingId")
                .asText();
    }

    @AfterContainer
    static void stop() {
        assertThat(app.bean(OrphanWatch.class).count())
                .as("no orphan left behind")
                .isZero();
        app.close();
    }

    @Property(tries = 150)
    void mutatedWebhooksAreRefusedWithAProblemAndChangeNothing(@ForAll("mutatedWebhooks") Delivery delivery) {
        String before = snapshot();

        Api.Reply reply = api.webhookWithHeaders(delivery.body, delivery.headers);

        assertThat(reply.status()).as(delivery.toString()).isBetween(400, 499);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Property(tries = 100)
    void randomBodiesCorrectlySignedNeverGiveA5xxOrChangeTheRecord(@ForAll("randomBodies") String body) {
        String before = snapshot();

        Api.Reply reply = api.webhook(body);

        assertThat(reply.status()).as(body).isLessThan(500);
        if (reply.status() >= 400) {
            assertThat(reply.contentType()).startsWith("application/problem+json");
        } else {
            // Only a body that names no opening of ours can be accepted: it is parked for later matching.
            assertThat(reply.json().get("outcome").asText()).isIn("PARKED", "SHIELDED");
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Property(tries = 100)
    void randomStartCallsNeverGiveA5xxAndLeaveNothingWhenRefused(@ForAll("startCalls") Map<String, Object> variables) {
        String key = "req-fuzz-" + UUID.randomUUID();
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("businessKey", key);
        call.put("variables", variables);

        Api.Reply reply = api.startRaw(Api.write(call));

        assertThat(reply.status()).as(variables.toString()).isIn(200, 400);
        if (reply.status() == 400) {
            assertThat(api.record(key).status()).isEqualTo(404);
            assertThat(api.get(
                                    "/engine-rest/history/process-instance/count?processInstanceBusinessKey=" + key,
                                    "demo",
                                    "demo")
                            .json()
                            .get("count")
                            .asInt())
                    .isZero();
        }
    }

    @Property(tries = 20)
    void replaysAreRefused(@ForAll("replays") Delivery replay) {
        String before = snapshot();

        Api.Reply reply = api.webhookWithHeaders(replay.body, replay.headers);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(snapshot()).isEqualTo(before);
    }

    record Delivery(String body, Map<String, String> headers) {}

    @Provide
    Arbitrary<Delivery> mutatedWebhooks() {
        String valid = webhookBody(trackingId, requestId, "COMPLETED", "NL91ABNA0417164300", "ABNANL2A", null);
        Arbitrary<String> bodies = Arbitraries.oneOf(
                Arbitraries.just(valid),
                Arbitraries.strings().ofMaxLength(300),
                Arbitraries.strings().withChars("{}[]\":,0123456789abc").ofMaxLength(200),
                Arbitraries.just(valid.replace("NL91", "NL92")),
                Arbitraries.just("x".repeat(70_000)));
        Arbitrary<String> ids = Arbitraries.oneOf(
                Arbitraries.just("msg_" + UUID.randomUUID()),
                Arbitraries.strings().ofMaxLength(40));
        Arbitrary<String> timestamps = Arbitraries.oneOf(
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.strings().ofMaxLength(12),
                Arbitraries.just(String.valueOf(Instant.now().getEpochSecond() - 3600)));
        Arbitrary<String> signatures = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(120),
                Arbitraries.strings().alpha().numeric().ofLength(43).map(s -> "v1," + s + "="),
                Arbitraries.just("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
        return Combinators.combine(
                        bodies,
                        ids,
                        timestamps,
                        signatures,
                        Arbitraries.integers().between(0, 7))
                .as((body, id, ts, sig, drop) -> {
                    Map<String, String> headers = new LinkedHashMap<>();
                    if ((drop & 1) == 0) headers.put("webhook-id", clean(id));
                    if ((drop & 2) == 0) headers.put("webhook-timestamp", clean(ts));
                    if ((drop & 4) == 0) headers.put("webhook-signature", clean(sig));
                    return new Delivery(body, headers);
                });
    }

    @Provide
    Arbitrary<String> randomBodies() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(40);
        Arbitrary<String> statuses =
                Arbitraries.of("INITIATED", "IN_PROGRESS", "COMPLETED", "REJECTED", "completed", "", "DONE");
        Arbitrary<String> ibans =
                Arbitraries.of("NL91ABNA0417164300", "NL92ABNA0417164300", "", "DE89370400440532013000", "BE68");
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(500),
                Combinators.combine(text, statuses, ibans, text)
                        .as((id, status, iban, bic) -> webhookBody("trk-" + id, "ref-" + id, status, iban, bic, null)),
                Combinators.combine(Arbitraries.of("COMPLETED", "completed", "", "DONE"), ibans)
                        .as((status, iban) -> webhookBody(trackingId, requestId, status, iban, null, null)),
                Arbitraries.of("null", "[]", "{}", "\"text\"", "{\"status\": 1}", "{\"reference\": {\"a\": 1}}"));
    }

    @Provide
    Arbitrary<Map<String, Object>> startCalls() {
        Arbitrary<Object> values = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(250).map(s -> (Object) Map.of("value", s, "type", "String")),
                Arbitraries.integers().map(i -> (Object) Map.of("value", i, "type", "Integer")),
                Arbitraries.of("NL", "BE", "DE", "nl", "COMPANY", "FREELANCER", "")
                        .map(s -> (Object) Map.of("value", s, "type", "String")),
                Arbitraries.just((Object) Map.of("type", "Null")));
        return Arbitraries.maps(Arbitraries.of("customerId", "market", "customerType", "legalName", "other"), values)
                .ofMaxSize(5);
    }

    @Provide
    Arbitrary<Delivery> replays() {
        String body = webhookBody(trackingId, requestId, "COMPLETED", "NL91ABNA0417164300", "ABNANL2A", null);
        return Arbitraries.oneOf(
                // a valid signature, but made six minutes to a day ago
                Arbitraries.longs()
                        .between(360, 86_400)
                        .map(age ->
                                signed("msg_" + UUID.randomUUID(), Instant.now().getEpochSecond() - age, body, body)),
                // a signature captured for one body, replayed with the same webhook-id and another body
                Arbitraries.of("REJECTED", "IN_PROGRESS")
                        .map(status -> signed(
                                "msg_replayed",
                                Instant.now().getEpochSecond(),
                                body,
                                webhookBody(trackingId, requestId, status, null, null, "forged"))));
    }

    private static Delivery signed(String id, long timestamp, String signedBody, String sentBody) {
        try {
            String signature = new com.standardwebhooks.Webhook(Api.DEV_WEBHOOK_SECRET).sign(id, timestamp, signedBody);
            return new Delivery(
                    sentBody,
                    Map.of(
                            "webhook-id",
                            id,
                            "webhook-timestamp",
                            String.valueOf(timestamp),
                            "webhook-signature",
                            signature));
        } catch (com.standardwebhooks.exceptions.WebhookSigningException
                | com.standardwebhooks.exceptions.EmptyWebhookSecretException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HTTP header values cannot carry control characters or line breaks. */
    private static String clean(String value) {
        return value.replaceAll("[^\\x20-\\x7E]", "?");
    }

    private static String snapshot() {
        return api.record(requestId).body() + api.events(requestId).body();
    }
}

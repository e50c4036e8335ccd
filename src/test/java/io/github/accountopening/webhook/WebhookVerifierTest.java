package io.github.accountopening.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class WebhookVerifierTest {

    // The published test vector of the Standard Webhooks specification.
    static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long SPEC_TIMESTAMP = 1614265330;
    static final String SPEC_BODY = "{\"test\": 2432232314}";
    static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    static final String OLD_SECRET = "whsec_b2xkLXNlY3JldC1vbGQtc2VjcmV0LW9sZC0wMQ==";
    static final String NEW_SECRET = "whsec_bmV3LXNlY3JldC1uZXctc2VjcmV0LW5ldy0wMg==";

    @Test
    void signsTheSpecificationsTestVectorToItsPublishedSignature() throws Exception {
        assertThat(new Webhook(SPEC_SECRET).sign(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY))
                .isEqualTo(SPEC_SIGNATURE);
    }

    @Test
    void refusesTheTestVectorForItsTimestampIsYearsOld() throws Exception {
        WebhookVerifier verifier = new WebhookVerifier(List.of(SPEC_SECRET), Clock.systemUTC());

        assertRejected(
                () -> verifier.verify(SPEC_BODY, headers(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE)),
                HttpStatus.UNAUTHORIZED,
                "webhook-timestamp is");
    }

    @Test
    void acceptsAFreshlySignedDeliveryAndRefusesItOnceTampered() throws Exception {
        long now = Instant.now().getEpochSecond();
        WebhookVerifier verifier = verifierAt(now, SPEC_SECRET);
        String signature = new Webhook(SPEC_SECRET).sign(SPEC_ID, now, SPEC_BODY);

        assertThat(verifier.verify(SPEC_BODY, headers(SPEC_ID, now, signature))).isEqualTo(SPEC_ID);
        assertRejected(
                () -> verifier.verify("{\"test\": 2432232315}", headers(SPEC_ID, now, signature)),
                HttpStatus.UNAUTHORIZED,
                "matches none of our secrets");
        assertRejected(
                () -> verifier.verify(SPEC_BODY, headers("msg_other", now, signature)),
                HttpStatus.UNAUTHORIZED,
                "matches none");
    }

    @Test
    void acceptsOneMatchingSignatureAmongSeveral() throws Exception {
        long now = Instant.now().getEpochSecond();
        WebhookVerifier verifier = verifierAt(now, SPEC_SECRET);
        String header = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,ignored "
                + new Webhook(SPEC_SECRET).sign(SPEC_ID, now, SPEC_BODY);

        assertThat(verifier.verify(SPEC_BODY, headers(SPEC_ID, now, header))).isEqualTo(SPEC_ID);
    }

    @Test
    void acceptsEitherSecretWhileTheyRotate() throws Exception {
        long now = Instant.now().getEpochSecond();
        WebhookVerifier verifier = verifierAt(now, OLD_SECRET, NEW_SECRET);
        String body = "{\"status\":\"COMPLETED\"}";

        String signedWithOld = new Webhook(OLD_SECRET).sign("msg_1", now, body);
        String signedWithNew = new Webhook(NEW_SECRET).sign("msg_1", now, body);
        String signedWithOther = new Webhook(SPEC_SECRET).sign("msg_1", now, body);

        assertThat(verifier.verify(body, headers("msg_1", now, signedWithOld))).isEqualTo("msg_1");
        assertThat(verifier.verify(body, headers("msg_1", now, signedWithNew))).isEqualTo("msg_1");
        assertRejected(
                () -> verifier.verify(body, headers("msg_1", now, signedWithOther)),
                HttpStatus.UNAUTHORIZED,
                "signature");
    }

    @Test
    void acceptsTimestampsWithinFiveMinutesAndRefusesOlderOrNewerOnes() throws Exception {
        // The library checks the timestamp against the system clock too, so these use the real time.
        long now = Instant.now().getEpochSecond();
        WebhookVerifier verifier = verifierAt(now, SPEC_SECRET);
        Webhook signer = new Webhook(SPEC_SECRET);
        String body = "{}";

        for (long offset : new long[] {-295, 0, 295}) {
            long ts = now + offset;
            assertThat(verifier.verify(body, headers("msg_ok", ts, signer.sign("msg_ok", ts, body))))
                    .isEqualTo("msg_ok");
        }
        for (long offset : new long[] {-305, 305, -86_400}) {
            long ts = now + offset;
            String signature = signer.sign("msg_skew", ts, body);
            assertRejected(
                    () -> verifier.verify(body, headers("msg_skew", ts, signature)),
                    HttpStatus.UNAUTHORIZED,
                    "webhook-timestamp is");
        }
    }

    @Test
    void namesTheMissingHeaders() throws Exception {
        WebhookVerifier verifier = verifierAt(SPEC_TIMESTAMP, SPEC_SECRET);

        assertRejected(
                () -> verifier.verify(SPEC_BODY, Map.of("webhook-id", List.of(SPEC_ID))),
                HttpStatus.BAD_REQUEST,
                "missing webhook headers: webhook-timestamp, webhook-signature");
    }

    @Test
    void acceptsTheSameHeadersAsSvixNamesThem() throws Exception {
        long now = Instant.now().getEpochSecond();
        WebhookVerifier verifier = verifierAt(now, SPEC_SECRET);
        String signature = new Webhook(SPEC_SECRET).sign(SPEC_ID, now, SPEC_BODY);

        assertThat(verifier.verify(
                        SPEC_BODY,
                        Map.of(
                                "Svix-Id",
                                List.of(SPEC_ID),
                                "Svix-Timestamp",
                                List.of(Long.toString(now)),
                                "Svix-Signature",
                                List.of(signature))))
                .isEqualTo(SPEC_ID);
        assertRejected(
                () -> verifier.verify(
                        "{\"test\": 1}",
                        Map.of(
                                "svix-id",
                                List.of(SPEC_ID),
                                "svix-timestamp",
                                List.of(Long.toString(now)),
                                "svix-signature",
                                List.of(signature))),
                HttpStatus.UNAUTHORIZED,
                "matches none of our secrets");
    }

    @Test
    void namesTheSvixHeadersOfADeliveryThroughSvix() throws Exception {
        long now = Instant.now().getEpochSecond();
        WebhookVerifier verifier = verifierAt(now, SPEC_SECRET);

        assertRejected(
                () -> verifier.verify(
                        SPEC_BODY,
                        Map.of(
                                "svix-id",
                                List.of(SPEC_ID),
                                "svix-timestamp",
                                List.of("soon"),
                                "svix-signature",
                                List.of(SPEC_SIGNATURE))),
                HttpStatus.BAD_REQUEST,
                "svix-timestamp must be Unix seconds");
        assertRejected(
                () -> verifier.verify(SPEC_BODY, Map.of("svix-id", List.of(SPEC_ID))),
                HttpStatus.BAD_REQUEST,
                "missing webhook headers: svix-timestamp, svix-signature");
        assertThat(WebhookVerifier.deliveryId(Map.of("svix-id", List.of(SPEC_ID))))
                .isEqualTo(SPEC_ID);
    }

    @Test
    void refusesAMixOfSvixAndWebhookHeadersAsTheSvixLibrariesDo() throws Exception {
        long now = Instant.now().getEpochSecond();
        WebhookVerifier verifier = verifierAt(now, SPEC_SECRET);
        String signature = new Webhook(SPEC_SECRET).sign(SPEC_ID, now, SPEC_BODY);

        assertRejected(
                () -> verifier.verify(
                        SPEC_BODY,
                        Map.of(
                                "svix-id",
                                List.of(SPEC_ID),
                                "svix-timestamp",
                                List.of(Long.toString(now)),
                                "webhook-signature",
                                List.of(signature))),
                HttpStatus.BAD_REQUEST,
                "missing webhook headers: webhook-id, webhook-timestamp (or all three of svix-id, svix-timestamp, svix-signature)");
        assertRejected(
                () -> verifier.verify(
                        SPEC_BODY,
                        Map.of(
                                "webhook-id",
                                List.of(SPEC_ID),
                                "webhook-timestamp",
                                List.of(Long.toString(now)),
                                "svix-signature",
                                List.of(signature))),
                HttpStatus.BAD_REQUEST,
                "missing webhook headers: webhook-signature");
    }

    @Test
    void readsTheSvixHeadersWhenBothCompleteSetsAreThereAsTheSvixLibrariesDo() throws Exception {
        long now = Instant.now().getEpochSecond();
        WebhookVerifier verifier = verifierAt(now, SPEC_SECRET);
        String signature = new Webhook(SPEC_SECRET).sign(SPEC_ID, now, SPEC_BODY);
        Map<String, List<String>> both = new HashMap<>(headers("msg_other", now, "v1,bm90LXRoZS1zaWduYXR1cmU="));
        both.putAll(Map.of(
                "svix-id",
                List.of(SPEC_ID),
                "svix-timestamp",
                List.of(Long.toString(now)),
                "svix-signature",
                List.of(signature)));

        assertThat(verifier.verify(SPEC_BODY, both)).isEqualTo(SPEC_ID);
    }

    @Test
    void refusesATimestampThatIsNotUnixSeconds() throws Exception {
        WebhookVerifier verifier = verifierAt(SPEC_TIMESTAMP, SPEC_SECRET);
        Map<String, List<String>> headers = Map.of(
                "webhook-id",
                List.of(SPEC_ID),
                "webhook-timestamp",
                List.of("2021-02-25T15:02:10Z"),
                "webhook-signature",
                List.of(SPEC_SIGNATURE));

        assertRejected(() -> verifier.verify(SPEC_BODY, headers), HttpStatus.BAD_REQUEST, "Unix seconds");
    }

    private static WebhookVerifier verifierAt(long epochSecond, String... secrets) throws Exception {
        return new WebhookVerifier(List.of(secrets), Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    private static Map<String, List<String>> headers(String id, long timestamp, String signature) {
        return Map.of(
                "webhook-id",
                List.of(id),
                "webhook-timestamp",
                List.of(Long.toString(timestamp)),
                "webhook-signature",
                List.of(signature));
    }

    private static void assertRejected(Runnable call, HttpStatus status, String detail) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(WebhookRejectedException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(status);
            assertThat(e.getBody().getDetail()).contains(detail);
        });
    }
}

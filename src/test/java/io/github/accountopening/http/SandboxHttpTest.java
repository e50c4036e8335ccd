package io.github.accountopening.http;

import static io.github.accountopening.support.Api.newRequestId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.accountopening.account.BankAccount;
import io.github.accountopening.support.Api;
import io.github.accountopening.support.HttpTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The sandbox drives openings through the very pipeline a verified webhook takes. */
@HttpTest
class SandboxHttpTest {

    @Autowired
    Api api;

    @Test
    void drivesAnOpeningToCompletedAndTheShieldAbsorbsTheSameEventRepeatedAtOnce() {
        String requestId = stuckOpening("BE");
        String event = "{\"accountOpeningRequestId\": \"" + requestId + "\", \"status\": \"COMPLETED\"}";

        Api.Reply first = api.sandbox(event);
        Api.Reply repeated = api.sandbox(event);

        assertThat(first.status()).isEqualTo(202);
        assertThat(first.json().get("outcome").asText()).isEqualTo("APPLIED");
        assertThat(repeated.status()).isEqualTo(202);
        assertThat(repeated.json().get("outcome").asText())
                .as("same shield as a webhook")
                .isEqualTo("SHIELDED");
        JsonNode opened = await().atMost(Duration.ofSeconds(20))
                .until(() -> api.record(requestId).json(), r -> !r.get("cardId").isNull());
        assertThat(opened.get("iban").asText()).startsWith("BE");
        assertThat(new BankAccount(
                                opened.get("iban").asText(), opened.get("bic").asText())
                        .iban())
                .isEqualTo(opened.get("iban").asText());
        JsonNode events = api.events(requestId).json();
        assertThat(events.get(events.size() - 1).get("source").asText()).isEqualTo("SANDBOX");
        assertThat(events.get(events.size() - 1).get("webhookId").asText()).startsWith("sandbox_");
    }

    @Test
    void drivesAnOpeningToRejectedWithTheGivenReason() {
        String requestId = stuckOpening("NL");

        Api.Reply reply = api.sandbox("{\"accountOpeningRequestId\": \"" + requestId
                + "\", \"status\": \"REJECTED\", \"reason\": \"UBO unknown\"}");

        assertThat(reply.status()).isEqualTo(202);
        JsonNode rejected = await().until(
                        () -> api.record(requestId).json(),
                        r -> r.get("status").asText().equals("REJECTED"));
        assertThat(rejected.get("rejectionReason").asText()).isEqualTo("UBO unknown");
        assertThat(rejected.get("cardId").isNull()).isTrue();
    }

    @Test
    void usesTheGivenIbanAndBic() {
        String requestId = stuckOpening("NL");

        api.sandbox("{\"accountOpeningRequestId\": \"" + requestId
                + "\", \"status\": \"COMPLETED\", \"iban\": \"NL91ABNA0417164300\", \"bic\": \"ABNANL2A\"}");

        assertThat(api.record(requestId).json().get("iban").asText()).isEqualTo("NL91ABNA0417164300");
    }

    @Test
    void refusesWhatItCannotApplyAndChangesNothing() {
        String requestId = stuckOpening("NL");
        String before = api.record(requestId).body() + api.events(requestId).body();

        assertProblem(
                api.sandbox("{\"accountOpeningRequestId\": \"req-unknown\", \"status\": \"COMPLETED\"}"),
                "req-unknown");
        assertProblem(
                api.sandbox("{\"accountOpeningRequestId\": \"" + requestId + "\", \"status\": \"FINISHED\"}"),
                "status 'FINISHED' is unknown");
        assertProblem(
                api.sandbox("{\"accountOpeningRequestId\": \"" + requestId
                        + "\", \"status\": \"COMPLETED\", \"iban\": \"NL00ABNA0417164300\"}"),
                "iban 'NL00ABNA0417164300' is not valid");
        assertProblem(api.sandbox("{\"status\": \"COMPLETED\"}"), "accountOpeningRequestId is missing");
        assertProblem(api.sandbox("not json"), "");

        assertThat(api.record(requestId).body() + api.events(requestId).body()).isEqualTo(before);
    }

    @Test
    void refusesFieldsTheRecordCannotHoldNamingThemInsteadOfRetryLater() {
        String requestId = stuckOpening("NL");
        String before = api.record(requestId).body() + api.events(requestId).body();

        Api.Reply longReason = api.sandbox("{\"accountOpeningRequestId\": \"" + requestId
                + "\", \"status\": \"REJECTED\", \"reason\": \"" + "r".repeat(10_000) + "\"}");
        assertProblem(longReason, "reason must be at most 500 characters");
        assertThat(longReason.headers()).doesNotContainKey("retry-after");
        Api.Reply longId =
                api.sandbox("{\"accountOpeningRequestId\": \"" + "r".repeat(10_000) + "\", \"status\": \"REJECTED\"}");
        assertProblem(longId, "accountOpeningRequestId must be 1-64 of [A-Za-z0-9._-]");
        assertThat(longId.body()).as("the refused value is not echoed back").hasSizeLessThan(1_000);

        assertThat(api.record(requestId).body() + api.events(requestId).body()).isEqualTo(before);
    }

    private String stuckOpening(String market) {
        String requestId = newRequestId();
        api.start(requestId, "C-9001", market, "COMPANY", "Sandbox Co [stuck]");
        await().until(
                        () -> api.record(requestId).json(),
                        r -> r.get("providerStatus").asText().equals("IN_PROGRESS"));
        return requestId;
    }

    private static void assertProblem(Api.Reply reply, String detail) {
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("detail").asText()).contains(detail);
    }
}

package io.github.accountopening.http;

import static io.github.accountopening.support.Api.newRequestId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.accountopening.account.BankAccount;
import io.github.accountopening.simulator.CardPlatformSimulator;
import io.github.accountopening.support.Api;
import io.github.accountopening.support.HttpTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/** Onboarding's view: start over Camunda REST, watch the record reach an IBAN and a card. */
@HttpTest
class OpeningHttpTest {

    @Autowired
    CardPlatformSimulator cards;

    @Autowired
    Api api;

    @Test
    void asyncOpeningReceivesItsIbanByWebhookAndGetsACard() {
        String requestId = newRequestId();
        Api.Reply started = api.start(requestId, "C-1001", "NL", "COMPANY", "Acme B.V.");
        assertThat(started.status()).isEqualTo(200);
        assertThat(started.json().get("businessKey").asText()).isEqualTo(requestId);

        JsonNode anchor = api.record(requestId).json();
        assertThat(anchor.get("mode").asText()).isEqualTo("ASYNC");
        assertThat(anchor.get("processInstanceId").asText())
                .isEqualTo(started.json().get("id").asText());

        JsonNode opened = awaitRecord(requestId, "COMPLETED", true);
        assertThat(new BankAccount(
                                opened.get("iban").asText(), opened.get("bic").asText())
                        .iban())
                .startsWith("NL");
        assertThat(opened.get("trackingId").asText()).startsWith("trk-");
        assertThat(cards.cardsIssuedTo("C-1001")).isGreaterThanOrEqualTo(1);
        JsonNode decision = api.get(
                        "/engine-rest/history/decision-instance?includeOutputs=true&processInstanceId="
                                + opened.get("processInstanceId").asText(),
                        "demo",
                        "demo")
                .json()
                .get(0);
        assertThat(decision.get("decisionDefinitionKey").asText()).isEqualTo("account-opening-mode");
        assertThat(decision.at("/outputs/0/ruleId").asText())
                .as("the rule that chose ASYNC, as Cockpit shows it")
                .isEqualTo("Rule_Netherlands");
        assertThat(decision.at("/outputs/0/value").asText()).isEqualTo("ASYNC");
        assertThat(api.events(requestId).json())
                .extracting(e -> e.get("source").asText() + " "
                        + e.get("status").asText() + " " + e.get("outcome").asText())
                .contains("WEBHOOK COMPLETED APPLIED")
                .anyMatch(e -> e.matches("(PROVIDER|WEBHOOK) INITIATED APPLIED"));
    }

    @Test
    void legacySyncFlowForAMarketTheTableSendsThere() {
        String requestId = newRequestId();
        api.start(requestId, "C-2001", "DE", "FREELANCER", "Hans Muster");

        JsonNode opened = awaitRecord(requestId, "COMPLETED", true);
        assertThat(opened.get("mode").asText()).isEqualTo("SYNC");
        assertThat(opened.get("trackingId").isNull()).isTrue();
        assertThat(opened.get("iban").asText()).startsWith("DE");
    }

    @Test
    void rejectedOpeningEndsWithoutACard() {
        String requestId = newRequestId();
        api.start(requestId, "C-3001", "BE", "COMPANY", "Refused BV [reject]");

        JsonNode rejected = awaitRecord(requestId, "REJECTED", false);
        assertThat(rejected.get("rejectionReason").asText()).contains("KYC");
        assertThat(rejected.get("iban").isNull()).isTrue();
        assertThat(rejected.get("cardId").isNull()).isTrue();
        assertThat(cards.cardsIssuedTo("C-3001")).isZero();
    }

    @Test
    void aNewDecisionVersionDeployedOverRestReroutesTheNextStart() throws IOException {
        String table = Files.readString(Path.of("dmn/account-opening-mode.dmn"));
        String netherlandsSync =
                table.replaceFirst("(<outputEntry id=\"OutputEntry_Netherlands\">\\s*<text>)\"ASYNC\"", "$1\"SYNC\"");
        assertThat(netherlandsSync).isNotEqualTo(table);
        try {
            assertThat(api.deploy("netherlands-back-to-sync", "account-opening-mode.dmn", netherlandsSync)
                            .status())
                    .isEqualTo(200);

            String requestId = newRequestId();
            api.start(requestId, "C-4001", "NL", "COMPANY", "Rerouted B.V.");
            assertThat(api.record(requestId).json().get("mode").asText()).isEqualTo("SYNC");
            awaitRecord(requestId, "COMPLETED", true);
        } finally {
            assertThat(api.deploy("netherlands-async-again", "account-opening-mode.dmn", table)
                            .status())
                    .isEqualTo(200);
        }
        String next = newRequestId();
        api.start(next, "C-4002", "NL", "COMPANY", "Routed B.V.");
        assertThat(api.record(next).json().get("mode").asText()).isEqualTo("ASYNC");
    }

    @Test
    void aStartWithoutBusinessKeyGetsAGeneratedRequestId() {
        Api.Reply started = api.start(null, "C-5001", "NL", "FREELANCER", "Jan Jansen");

        String requestId = started.json().get("businessKey").asText();
        assertThat(requestId).matches("[0-9a-f-]{36}");
        assertThat(api.record(requestId).status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            nullValues = "NULL",
            value = {
                "businessKey,   'req 42!', C-1, NL,          COMPANY,    Acme",
                "customerId,    VALID,     NULL, NL,         COMPANY,    Acme",
                "customerId,    VALID,     '',   NL,         COMPANY,    Acme",
                "market,        VALID,     C-1,  NULL,       COMPANY,    Acme",
                "market,        VALID,     C-1,  nl,         COMPANY,    Acme",
                "market,        VALID,     C-1,  NLD,        COMPANY,    Acme",
                "customerType,  VALID,     C-1,  NL,         NULL,       Acme",
                "customerType,  VALID,     C-1,  NL,         PERSON,     Acme",
                "legalName,     VALID,     C-1,  NL,         COMPANY,    NULL",
                "legalName,     VALID,     C-1,  NL,         COMPANY,    ''"
            })
    void anInvalidStartIsRefusedNamingTheCulpritAndLeavesNothingBehind(
            String culprit, String key, String customerId, String market, String customerType, String legalName) {
        String requestId = "VALID".equals(key) ? newRequestId() : key;

        Api.Reply refused = api.start(requestId, customerId, market, customerType, legalName);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("message").asText()).contains(culprit);
        assertNothingStoredFor(requestId);
    }

    @Test
    void aStartVariableOfTheWrongTypeIsRefused() {
        String requestId = newRequestId();
        Api.Reply refused = api.startRaw("""
                {"businessKey": "%s", "variables": {
                  "customerId": {"value": 1001, "type": "Integer"}, "market": {"value": "NL", "type": "String"},
                  "customerType": {"value": "COMPANY", "type": "String"}, "legalName": {"value": "Acme", "type": "String"}}}
                """.formatted(requestId));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("message").asText()).contains("customerId");
        assertNothingStoredFor(requestId);
    }

    @Test
    void aSecondStartWithTheSameRequestIdIsRefusedAndTheFirstStaysAlone() {
        String requestId = newRequestId();
        assertThat(api.start(requestId, "C-6001", "NL", "COMPANY", "Once B.V. [stuck]")
                        .status())
                .isEqualTo(200);

        Api.Reply again = api.start(requestId, "C-6002", "DE", "COMPANY", "Twice GmbH");

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("message").asText()).contains(requestId).contains("already exists");
        assertThat(api.get(
                                "/engine-rest/history/process-instance/count?processInstanceBusinessKey=" + requestId,
                                "demo",
                                "demo")
                        .json()
                        .get("count")
                        .asInt())
                .isEqualTo(1);
        assertThat(api.record(requestId).json().get("customerId").asText()).isEqualTo("C-6001");
    }

    @Test
    void everythingButHealthAndWebhooksNeedsCamundaCredentials() {
        assertThat(api.get("/engine-rest/process-definition", null, null).status())
                .isEqualTo(401);
        // An unknown user is refused like a wrong password (and counted by the login throttle, which never locks
        // anyone).
        assertThat(api.get("/engine-rest/process-definition", "nobody", "wrong").status())
                .isEqualTo(401);
        assertThat(api.get("/api/account-openings", null, null).status()).isEqualTo(401);
        assertThat(api.post("/company/account-opening/set-status-sandbox", "{}", null, null)
                        .status())
                .isEqualTo(401);
        assertThat(api.get("/actuator/metrics", null, null).status()).isEqualTo(401);
        Api.Reply unauthorized = api.get("/api/account-openings/req-1", null, null);
        assertThat(unauthorized.contentType()).startsWith("application/problem+json");

        assertThat(api.get("/actuator/health", null, null).status()).isEqualTo(200);
        assertThat(api.get("/engine-rest/process-definition", "demo", "demo").status())
                .isEqualTo(200);
        assertThat(api.get("/api/account-openings?status=IN_PROGRESS&limit=5", "demo", "demo")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void theReadApiAnswersClearlyForUnknownOpeningsAndBadFilters() {
        Api.Reply missing = api.record("req-does-not-exist");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("detail").asText()).contains("req-does-not-exist");

        Api.Reply badStatus = api.get("/api/account-openings?status=DONE", "demo", "demo");
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.json().get("detail").asText()).contains("status 'DONE'");
        assertThat(api.get("/api/account-openings?limit=0", "demo", "demo").status())
                .isEqualTo(400);
        assertThat(api.get("/api/account-openings?limit=lots", "demo", "demo")
                        .json()
                        .get("detail")
                        .asText())
                .contains("limit");
    }

    private void assertNothingStoredFor(String requestId) {
        assertThat(api.record(requestId).status()).as("no record").isEqualTo(404);
        assertThat(api.get(
                                "/engine-rest/history/process-instance/count?processInstanceBusinessKey="
                                        + Api.encode(requestId),
                                "demo",
                                "demo")
                        .json()
                        .get("count")
                        .asInt())
                .as("no process instance")
                .isZero();
    }

    private JsonNode awaitRecord(String requestId, String status, boolean withCard) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> api.record(requestId).json(),
                        r -> r.get("status").asText().equals(status)
                                && (!withCard || !r.get("cardId").isNull()));
    }
}

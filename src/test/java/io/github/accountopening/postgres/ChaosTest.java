package io.github.accountopening.postgres;

import static io.github.accountopening.support.Api.newRequestId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.accountopening.simulator.CardPlatformSimulator;
import io.github.accountopening.simulator.JiraSimulator;
import io.github.accountopening.simulator.NexusBankSimulator;
import io.github.accountopening.support.Api;
import io.github.accountopening.support.AuditTrail;
import io.github.accountopening.support.PostgresAppTest;
import io.github.accountopening.ticket.OpsTickets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A few hundred openings while the simulator duplicates, drops and reorders its webhooks: each ends
 * as NexusBank decided, with one card for each completed one and no ticket for any.
 */
class ChaosTest extends PostgresAppTest {

    static final int OPENINGS = 200;

    @Autowired
    NexusBankSimulator nexusBank;

    @Autowired
    CardPlatformSimulator cards;

    @Autowired
    JiraSimulator jira;

    @Test
    void everyOpeningEndsAsTheProviderDecidedDespiteTheChaos() {
        List<String> requestIds = new ArrayList<>();
        for (int i = 0; i < OPENINGS; i++) {
            String requestId = newRequestId();
            String legalName = "Chaos " + i + (i % 5 == 0 ? " [reject]" : "") + " B.V.";
            assertThat(api.start(requestId, "C-chaos-" + i, i % 2 == 0 ? "NL" : "BE", "COMPANY", legalName)
                            .status())
                    .isEqualTo(200);
            requestIds.add(requestId);
        }

        for (int i = 0; i < OPENINGS; i++) {
            String requestId = requestIds.get(i);
            JsonNode record = await().atMost(Duration.ofSeconds(120))
                    .until(
                            () -> api.record(requestId).json(),
                            r -> r.get("status").asText().equals("REJECTED")
                                    || !r.get("cardId").isNull());
            String decided = nexusBank.openingForRequest(requestId).decidedOutcome();
            assertThat(record.get("status").asText()).as(requestId).isEqualTo(decided);
            assertThat(cards.cardsIssuedTo("C-chaos-" + i)).isEqualTo(decided.equals("COMPLETED") ? 1 : 0);
            assertThat(jira.withLabel(OpsTickets.requestLabel(requestId)))
                    .as("no stray ticket")
                    .isEmpty();
            assertThat(AuditTrail.backwardSteps(api.events(requestId).json()))
                    .as("no step backwards in " + requestId)
                    .isZero();
        }
        Map<Integer, Long> answers = nexusBank.webhookAnswers();
        assertThat(answers.keySet())
                .as("every webhook the simulator delivered was accepted: " + answers)
                .containsOnly(202);
    }

    @Test
    void theSandboxIsAbsentWhereItIsSwitchedOff() {
        Api.Reply reply = api.sandbox("{\"accountOpeningRequestId\": \"req-1\", \"status\": \"COMPLETED\"}");

        assertThat(reply.status()).isEqualTo(404);
    }
}

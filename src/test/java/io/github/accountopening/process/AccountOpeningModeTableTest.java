package io.github.accountopening.process;

import static io.github.accountopening.process.AccountOpeningProcess.DECISION_MODE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The decision table as analysts edit it, evaluated by Camunda's DMN engine: every rule, and markets
 * it does not name, with the rule that matched, as Cockpit's decision history shows it.
 */
class AccountOpeningModeTableTest {

    private static DmnEngine dmn;
    private static DmnDecision decision;
    private static final List<String> matchedRules = new ArrayList<>();

    @BeforeAll
    static void parseTheTable() throws IOException {
        DefaultDmnEngineConfiguration configuration =
                (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        configuration.setCustomPostDecisionTableEvaluationListeners(
                List.of(event -> event.getMatchingRules().forEach(rule -> matchedRules.add(rule.getId()))));
        dmn = configuration.buildEngine();
        try (InputStream table = Files.newInputStream(Path.of("dmn/account-opening-mode.dmn"))) {
            decision = dmn.parseDecision(DECISION_MODE, table);
        }
    }

    @ParameterizedTest(name = "{0} {1} -> {2} by {3}")
    @CsvSource({
        "NL, COMPANY,    ASYNC, Rule_Netherlands",
        "NL, FREELANCER, ASYNC, Rule_Netherlands",
        "BE, COMPANY,    ASYNC, Rule_Belgium",
        "BE, FREELANCER, ASYNC, Rule_Belgium",
        "DE, COMPANY,    SYNC,  Rule_OtherMarkets",
        "FR, FREELANCER, SYNC,  Rule_OtherMarkets",
        "LU, COMPANY,    SYNC,  Rule_OtherMarkets",
        "ZZ, FREELANCER, SYNC,  Rule_OtherMarkets"
    })
    void everyMarketAndCustomerTypeGetsOneMode(String market, String customerType, String mode, String rule) {
        matchedRules.clear();
        DmnDecisionTableResult result = dmn.evaluateDecisionTable(
                decision,
                Variables.createVariables().putValue("market", market).putValue("customerType", customerType));

        assertThat(result.getSingleResult().<String>getSingleEntry()).isEqualTo(mode);
        assertThat(matchedRules).containsExactly(rule);
    }
}

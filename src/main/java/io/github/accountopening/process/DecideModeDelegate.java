package io.github.accountopening.process;

import static io.github.accountopening.process.AccountOpeningProcess.*;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Evaluates the latest version of the mode table with the market and the customer type alone. A business rule
 * task bound to the decision would hand it every process variable, so a table an analyst deploys with more inputs
 * would read the customer's name and id into the decision history analysts may query. The evaluation is still
 * recorded against this process instance, as Cockpit shows it.
 */
@Component("decideMode")
class DecideModeDelegate implements JavaDelegate {

    private final DecisionService decisions;

    DecideModeDelegate(DecisionService decisions) {
        this.decisions = decisions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object mode = decisions
                .evaluateDecisionTableByKey(DECISION_MODE)
                .variables(Variables.putValue(VAR_MARKET, execution.getVariable(VAR_MARKET))
                        .putValue(VAR_CUSTOMER_TYPE, execution.getVariable(VAR_CUSTOMER_TYPE)))
                .evaluate()
                .getSingleEntry();
        execution.setVariable(VAR_MODE, mode);
    }
}

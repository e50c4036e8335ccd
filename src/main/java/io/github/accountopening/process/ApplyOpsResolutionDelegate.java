package io.github.accountopening.process;

import io.github.accountopening.account.AccountOpenings;
import io.github.accountopening.account.StatusReport;
import io.github.accountopening.config.AccountOpeningProperties;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static io.github.accountopening.process.AccountOpeningProcess.*;

/**
 * Applies what ops decided: one more polling window, a rejection, or the account they opened by hand.
 * It runs in the transaction that completes the ops task, so a resolution it refuses (unknown, or
 * MANUAL with a bad IBAN) rolls the completion back: the task stays open, Tasklist shows the message,
 * and the REST API answers 400.
 */
@Component("applyOpsResolution")
class ApplyOpsResolutionDelegate implements JavaDelegate {

    private final AccountOpenings openings;
    private final AccountOpeningProperties properties;

    ApplyOpsResolutionDelegate(AccountOpenings openings, AccountOpeningProperties properties) {
        this.openings = openings;
        this.properties = properties;
    }

    @Override
    public void execute(DelegateExecution execution) {
        OpsResolution resolution;
        try {
            resolution = OpsResolution.parse(execution.getVariable(VAR_RESOLUTION),
                    execution.getVariable(VAR_IBAN), execution.getVariable(VAR_BIC));
        } catch (IllegalArgumentException e) {
            throw new InvalidResolutionException(e.getMessage());
        }
        String requestId = execution.getProcessBusinessKey();
        switch (resolution.kind()) {
            case RETRY -> execution.setVariable(VAR_GIVE_UP_AT, RequestProviderAccountDelegate.giveUpAt(properties));
            case REJECT -> openings.apply(StatusReport.rejectedByOps(requestId, "rejected by ops"));
            case MANUAL -> openings.apply(StatusReport.openedByOps(requestId, resolution.account()));
        }
        execution.removeVariable(VAR_RESOLUTION);
    }
}

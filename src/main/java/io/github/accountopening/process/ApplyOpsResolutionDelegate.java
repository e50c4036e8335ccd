package io.github.accountopening.process;

import static io.github.accountopening.process.AccountOpeningProcess.*;

import io.github.accountopening.account.AccountOpenings;
import io.github.accountopening.account.StatusReport;
import java.util.Objects;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Applies what ops decided: one more polling window, a rejection, or the account they opened by hand.
 * It runs in the transaction that completes the ops task, so a resolution it refuses (unknown, or
 * MANUAL with a bad IBAN) rolls the completion back: the task stays open, Tasklist shows the message,
 * and the REST API answers 400.
 */
@Component("applyOpsResolution")
class ApplyOpsResolutionDelegate implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(ApplyOpsResolutionDelegate.class);

    private final AccountOpenings openings;
    private final PollingSchedule schedule;

    ApplyOpsResolutionDelegate(AccountOpenings openings, PollingSchedule schedule) {
        this.openings = openings;
        this.schedule = schedule;
    }

    @Override
    public void execute(DelegateExecution execution) {
        OpsResolution resolution;
        try {
            resolution = OpsResolution.parse(
                    execution.getVariable(VAR_RESOLUTION),
                    execution.getVariable(VAR_IBAN),
                    execution.getVariable(VAR_BIC));
        } catch (IllegalArgumentException e) {
            log.info(
                    "Resolution of opening {} refused, the task stays open: {}",
                    execution.getProcessBusinessKey(),
                    e.getMessage());
            throw new InvalidResolutionException(e.getMessage());
        }
        String requestId = execution.getProcessBusinessKey();
        switch (resolution.kind()) {
            case RETRY -> execution.setVariable(VAR_GIVE_UP_AT, schedule.giveUpFromNow());
            case REJECT -> openings.apply(StatusReport.rejectedByOps(requestId, "rejected by ops"));
            case MANUAL ->
                openings.apply(StatusReport.openedByOps(
                        requestId,
                        Objects.requireNonNull(resolution.account(), "a MANUAL resolution carries its account")));
        }
        OPS_DECISION.forEach(execution::removeVariable);
    }
}

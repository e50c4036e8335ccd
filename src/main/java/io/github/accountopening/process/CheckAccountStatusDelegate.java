package io.github.accountopening.process;

import static io.github.accountopening.process.AccountOpeningProcess.*;

import io.github.accountopening.account.AccountOpening;
import io.github.accountopening.account.AccountOpenings;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Reads the record before every wait, holding its row lock until the process has committed its next
 * wait state. A webhook applied before this step is seen here; one applied after it waits for the lock
 * and then finds the process waiting. Either way the wake-up is not lost.
 */
@Component("checkAccountStatus")
class CheckAccountStatusDelegate implements JavaDelegate {

    private final AccountOpenings openings;
    private final PollingSchedule schedule;

    CheckAccountStatusDelegate(AccountOpenings openings, PollingSchedule schedule) {
        this.openings = openings;
        this.schedule = schedule;
    }

    @Override
    public void execute(DelegateExecution execution) {
        AccountOpening opening = openings.lock(execution.getProcessBusinessKey());
        Date giveUpAt = (Date) execution.getVariable(VAR_GIVE_UP_AT);
        boolean terminal = opening.getStatus().isTerminal();
        execution.setVariable(VAR_STATUS, opening.getStatus().name());
        execution.setVariable(VAR_TICKET_KEY, opening.getTicketKey());
        execution.setVariable(VAR_TICKET_TO_CLOSE, opening.hasTicketToClose());
        execution.setVariable(VAR_ESCALATION_DUE, !terminal && schedule.escalationDue(giveUpAt));
    }
}

package io.github.accountopening.process;

import static io.github.accountopening.process.AccountOpeningProcess.VAR_TICKET_KEY;
import static io.github.accountopening.process.AccountOpeningProcess.VAR_TICKET_LINK;

import io.github.accountopening.ticket.OpsTickets;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Escalation: the one Jira ticket of this opening, created once even when the job is retried. It runs
 * beside the ops task, so a Jira that fails keeps neither ops nor a late status waiting.
 */
@Component("openOpsTicket")
class OpenOpsTicketDelegate implements JavaDelegate {

    private final OpsTickets tickets;

    OpenOpsTicketDelegate(OpsTickets tickets) {
        this.tickets = tickets;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String key = tickets.open(execution.getProcessBusinessKey(), execution.getProcessInstanceId());
        if (key != null) {
            execution.setVariable(VAR_TICKET_KEY, key);
            execution.setVariable(VAR_TICKET_LINK, tickets.ticketLink(key));
        }
    }
}

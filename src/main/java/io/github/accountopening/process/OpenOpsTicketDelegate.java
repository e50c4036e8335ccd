package io.github.accountopening.process;

import io.github.accountopening.account.AccountOpenings;
import io.github.accountopening.ticket.OpsTickets;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static io.github.accountopening.process.AccountOpeningProcess.*;

/** Escalation: the one Jira ticket of this opening, created once even when the job is retried. */
@Component("openOpsTicket")
class OpenOpsTicketDelegate implements JavaDelegate {

    private final OpsTickets tickets;
    private final AccountOpenings openings;

    OpenOpsTicketDelegate(OpsTickets tickets, AccountOpenings openings) {
        this.tickets = tickets;
        this.openings = openings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String requestId = execution.getProcessBusinessKey();
        execution.setVariable(VAR_TICKET_KEY, tickets.open(requestId, execution.getProcessInstanceId()));
        // What the ops form shows beside the process variables it already has.
        execution.setVariable(VAR_REQUEST_ID, requestId);
        execution.setVariable(VAR_COCKPIT_LINK, tickets.cockpitLink(execution.getProcessInstanceId()));
        execution.setVariable(VAR_PROVIDER_STATUS, String.valueOf(openings.get(requestId).getProviderStatus()));
    }
}

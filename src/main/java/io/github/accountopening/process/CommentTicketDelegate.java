package io.github.accountopening.process;

import io.github.accountopening.ticket.OpsTickets;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Tells the ops ticket how the opening ended. */
@Component("commentTicket")
class CommentTicketDelegate implements JavaDelegate {

    private final OpsTickets tickets;

    CommentTicketDelegate(OpsTickets tickets) {
        this.tickets = tickets;
    }

    @Override
    public void execute(DelegateExecution execution) {
        tickets.reportOutcome(execution.getProcessBusinessKey());
    }
}

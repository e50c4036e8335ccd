package io.github.accountopening.process;

import static io.github.accountopening.process.AccountOpeningProcess.*;

import io.github.accountopening.account.AccountOpenings;
import io.github.accountopening.ticket.OpsTickets;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * What the ops form shows beside the process variables it already has, set as the investigation starts. A
 * resolution, IBAN or BIC already in the instance is removed here: ops's decision comes only from the task's own
 * completion, never from a value someone else left behind for the form to show and an empty completion to apply.
 */
@Component("prepareOpsTask")
class PrepareOpsTaskListener implements ExecutionListener {

    private final OpsTickets tickets;
    private final AccountOpenings openings;

    PrepareOpsTaskListener(OpsTickets tickets, AccountOpenings openings) {
        this.tickets = tickets;
        this.openings = openings;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String requestId = execution.getProcessBusinessKey();
        OPS_DECISION.forEach(execution.getProcessInstance()::removeVariable);
        execution.getProcessInstance().setVariable(VAR_REQUEST_ID, requestId);
        execution
                .getProcessInstance()
                .setVariable(VAR_COCKPIT_LINK, tickets.cockpitLink(execution.getProcessInstanceId()));
        execution
                .getProcessInstance()
                .setVariable(
                        VAR_PROVIDER_STATUS,
                        String.valueOf(openings.get(requestId).getProviderStatus()));
    }
}

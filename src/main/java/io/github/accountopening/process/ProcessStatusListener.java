package io.github.accountopening.process;

import io.github.accountopening.account.AccountOpening;
import io.github.accountopening.account.StatusListener;
import io.github.accountopening.account.StatusReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.task.Task;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

import static io.github.accountopening.process.AccountOpeningProcess.*;

/**
 * The one place that correlates {@code AccountOpeningStatusReceived}. It runs inside the transaction
 * that changed the record, under its row lock, and correlates only a process that is waiting for the
 * message: a process that is not waiting will read the record before its next wait.
 */
@Component
class ProcessStatusListener implements StatusListener {

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final Counter contradictions;

    ProcessStatusListener(RuntimeService runtime, TaskService tasks, MeterRegistry meters) {
        this.runtime = runtime;
        this.tasks = tasks;
        // registered at 0, so that an alert on its increase sees the first contradiction
        this.contradictions = Counter.builder("account.opening.contradictions")
                .description("Terminal statuses that contradicted the record's: each one is an ops task").register(meters);
    }

    @Override
    public void terminalStatusReached(AccountOpening opening) {
        if (opening.getProcessInstanceId() == null) {
            return; // a record no process was started for has nothing to wake
        }
        // Narrowed to the opening's own instance first, so neither look-up scans other instances' variables.
        boolean waiting = runtime.createEventSubscriptionQuery()
                .processInstanceId(opening.getProcessInstanceId())
                .eventType("message")
                .eventName(MESSAGE_STATUS_RECEIVED)
                .count() > 0;
        if (!waiting) {
            return;
        }
        try {
            runtime.createMessageCorrelation(MESSAGE_STATUS_RECEIVED)
                    .processInstanceId(opening.getProcessInstanceId())
                    .processInstanceVariableEquals(VAR_TRACKING_ID, opening.getTrackingId())
                    .correlateWithResult();
        } catch (OptimisticLockingException | MismatchingMessageCorrelationException e) {
            // The process moved at the same moment; the caller retries the whole transaction, which
            // then finds it waiting again or not waiting at all.
            throw new OptimisticLockingFailureException(e.getMessage(), e);
        }
    }

    @Override
    public void contradictionReported(AccountOpening opening, StatusReport report) {
        contradictions.increment();
        CommandContext command = Context.getCommandContext();
        if (command == null) {
            raiseTask(opening, report);
        } else {
            // Reported while a user's command runs (ops completing a task): the application raises
            // this task, whatever that user may create.
            command.runWithoutAuthorization((Command<Void>) context -> {
                raiseTask(opening, report);
                return null;
            });
        }
    }

    private void raiseTask(AccountOpening opening, StatusReport report) {
        Task task = tasks.newTask();
        task.setName("Contradicting status for " + opening.getRequestId());
        task.setDescription("Opening " + opening.getRequestId() + " (tracking " + opening.getTrackingId() + ") is "
                + opening.getStatus() + ", but " + report.source() + " reported " + report.status()
                + (report.webhookId() == null ? "" : " in webhook " + report.webhookId())
                + ". Nothing was changed: check the account with NexusBank.");
        task.setPriority(80);
        tasks.saveTask(task);
        tasks.addCandidateGroup(task.getId(), OPS_GROUP);
    }
}

package io.github.accountopening.process;

import static io.github.accountopening.process.AccountOpeningProcess.*;

import io.github.accountopening.account.AccountOpening;
import io.github.accountopening.account.StatusListener;
import io.github.accountopening.account.StatusReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Told by the records, inside the transaction and under the row lock that changed one: schedules the
 * process's wake-up as a job in that same transaction (see {@link WakeUpJobHandler}), so the caller is
 * answered without waiting for the engine, and puts contradictions in front of ops.
 */
@Component
class ProcessStatusListener implements StatusListener {

    private final ProcessEngineConfigurationImpl engine;
    private final TaskService tasks;
    private final Counter contradictions;

    ProcessStatusListener(ProcessEngineConfigurationImpl engine, TaskService tasks, MeterRegistry meters) {
        this.engine = engine;
        this.tasks = tasks;
        // registered at 0, so that an alert on its increase sees the first contradiction
        this.contradictions = Counter.builder("account.opening.contradictions")
                .description("Terminal statuses that contradicted the record's: each one is an ops task")
                .register(meters);
    }

    @Override
    public void terminalStatusReached(AccountOpening opening) {
        if (opening.getProcessInstanceId() == null) {
            return; // a record no process was started for has nothing to wake
        }
        engine.getCommandExecutorTxRequired().execute(commandContext -> {
            WakeUpJobHandler.schedule(commandContext, opening.getProcessInstanceId(), opening.getRequestId());
            return null;
        });
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
        task.setName(OpsTasks.name(OpsTasks.CONTRADICTING, opening));
        task.setDescription("Opening " + opening.getRequestId() + " (tracking " + opening.getTrackingId() + ") is "
                + opening.getStatus() + ", but " + report.source() + " reported " + report.status()
                + (report.webhookId() == null ? "" : " in webhook " + report.webhookId())
                + " on " + OpsTasks.now() + ". Nothing was changed: check the account with NexusBank.");
        task.setPriority(80);
        tasks.saveTask(task);
        tasks.addCandidateGroup(task.getId(), OPS_GROUP);
        tasks.setVariablesLocal(task.getId(), OpsTasks.listed(opening));
    }
}

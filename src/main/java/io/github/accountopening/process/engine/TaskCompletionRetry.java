package io.github.accountopening.process.engine;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A task's completion that meets a timer of the same scope (the ops task's polling timer fires every
 * interval) loses the race on the execution's revision and would answer 500, asking ops to submit again.
 * The completion is the person's decision and the timer's work can wait: a completion or form submission
 * that fails on an optimistic lock is run again at once, in a new transaction on the state the timer left.
 * Nothing of the failed attempt was committed, so what ops decided is applied exactly once. Only a command
 * that owns its transaction is retried; one inside a caller's transaction fails to that caller as before.
 */
@Component
class TaskCompletionRetry extends AbstractProcessEnginePlugin {

    static final int ATTEMPTS = 5;

    private static final Logger log = LoggerFactory.getLogger(TaskCompletionRetry.class);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
                ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
        interceptors.add(new RetryOnConflict());
        configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }

    static class RetryOnConflict extends CommandInterceptor {

        @Override
        public <T> T execute(Command<T> command) {
            if (!isCompletion(command)
                    || Context.getCommandContext() != null
                    || TransactionSynchronizationManager.isActualTransactionActive()) {
                return next.execute(command);
            }
            for (int attempt = 1; ; attempt++) {
                try {
                    return next.execute(command);
                } catch (OptimisticLockingException e) {
                    if (attempt == ATTEMPTS) {
                        throw e;
                    }
                    log.debug(
                            "Task completion met a concurrent change (attempt {} of {}), running it again",
                            attempt,
                            ATTEMPTS);
                }
            }
        }

        private static boolean isCompletion(Command<?> command) {
            return command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd;
        }
    }
}

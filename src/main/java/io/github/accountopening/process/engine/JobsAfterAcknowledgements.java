package io.github.accountopening.process.engine;

import io.github.accountopening.webhook.AcknowledgementsFirst;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

/**
 * The job executor's batches run through {@link AcknowledgementsFirst}: on the same thread pool, with
 * the same rejection when it is full, each batch after the acknowledgements in flight have had their turn.
 */
@Component
class JobsAfterAcknowledgements extends AbstractProcessEnginePlugin {

    private final AcknowledgementsFirst acknowledgements;

    JobsAfterAcknowledgements(AcknowledgementsFirst acknowledgements) {
        this.acknowledgements = acknowledgements;
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getJobExecutor() instanceof SpringJobExecutor jobExecutor) {
            TaskExecutor pool = jobExecutor.getTaskExecutor();
            jobExecutor.setTaskExecutor(jobs -> pool.execute(acknowledgements.after(jobs)));
        }
    }
}

package io.github.accountopening.process;

import io.github.accountopening.account.AccountOpenings;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Registers the wake-up job's handler with the engine. */
@Component
class WakeUpPlugin extends AbstractProcessEnginePlugin {

    private final ObjectProvider<AccountOpenings> openings;

    WakeUpPlugin(ObjectProvider<AccountOpenings> openings) {
        this.openings = openings;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<JobHandler> handlers = configuration.getCustomJobHandlers() == null
                ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomJobHandlers());
        handlers.add(new WakeUpJobHandler(openings));
        configuration.setCustomJobHandlers(handlers);
    }
}

package io.github.accountopening.process.engine;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextFactory;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.springframework.stereotype.Component;

/**
 * A request its caller has to correct (a refused start, a refused ops resolution: our
 * {@code InvalidRequestException}s with a 4xx status) is no failure of the engine. The engine logs every
 * exception that ends a command at ERROR (ENGINE-16004, with the whole stack) except those it knows to
 * be the caller's, such as its own {@code BadUserRequestException}, which it logs at DEBUG (ENGINE-16002);
 * ours join those. The code that refuses logs one line saying what was wrong; every other exception,
 * a failing job's or a 5xx's, is logged as before.
 */
@Component
class ClientMistakeLogging extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        CommandContextFactory factory = new CommandContextFactory() {
            @Override
            public CommandContext createCommandContext() {
                return new CommandContext(processEngineConfiguration) {
                    @Override
                    protected boolean shouldLogFine(Throwable exception) {
                        return super.shouldLogFine(exception) || isClientMistake(exception);
                    }
                };
            }
        };
        factory.setProcessEngineConfiguration(configuration);
        configuration.setCommandContextFactory(factory);
    }

    static boolean isClientMistake(Throwable exception) {
        return exception instanceof RestException refused
                && refused.getStatus() != null
                && refused.getStatus().getStatusCode() < 500;
    }
}

package io.github.accountopening.identity;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractRestartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * A process starts at its start event, for everyone but {@code camunda-admin}. Camunda lets whoever may create
 * an instance also start it at any activity ({@code startInstructions}) or restart an ended one there, with
 * whatever variables and business key they choose: the start's checks never run, and onboarding could begin an
 * opening at the step that applies ops's resolution, to another customer's record. Those two commands need
 * {@code camunda-admin}; refused, they change nothing and say why (403, Camunda's own error).
 */
@Component
class StartsAtTheStart extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
                ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
        interceptors.add(new CommandInterceptor() {
            @Override
            public <T> T execute(Command<T> command) {
                if (command instanceof StartProcessInstanceAtActivitiesCmd
                        || command instanceof AbstractRestartProcessInstanceCmd) {
                    refuseUnlessAdmin(configuration.getIdentityService().getCurrentAuthentication());
                }
                return next.execute(command);
            }
        });
        configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }

    static void refuseUnlessAdmin(Authentication user) {
        if (user == null
                || user.getUserId() == null
                || (user.getGroupIds() != null && user.getGroupIds().contains(Roles.ADMIN))) {
            return; // the application's own code, or an administrator
        }
        throw new AuthorizationException("User '" + user.getUserId() + "' may start a process only at its start event: "
                + "starting or restarting it at another activity skips the checks of its start, so only " + Roles.ADMIN
                + " may");
    }
}

package io.github.accountopening.process;

import static io.github.accountopening.process.AccountOpeningProcess.VAR_GIVE_UP_AT;
import static io.github.accountopening.process.AccountOpeningProcess.VAR_TRACKING_ID;

import io.github.accountopening.provider.AccountProvider;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** ASYNC: asks NexusBank for the account; the answer is only a tracking id. Starts the give-up clock. */
@Component("requestProviderAccount")
class RequestProviderAccountDelegate implements JavaDelegate {

    private final AccountProvider provider;
    private final PollingSchedule schedule;

    RequestProviderAccountDelegate(AccountProvider provider, PollingSchedule schedule) {
        this.provider = provider;
        this.schedule = schedule;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(VAR_TRACKING_ID, provider.requestAccount(execution.getProcessBusinessKey()));
        execution.setVariable(VAR_GIVE_UP_AT, schedule.giveUpFromNow());
    }
}

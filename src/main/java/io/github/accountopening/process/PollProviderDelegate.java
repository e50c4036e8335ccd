package io.github.accountopening.process;

import static io.github.accountopening.process.AccountOpeningProcess.VAR_STATUS;

import io.github.accountopening.provider.AccountProvider;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Asks NexusBank for the status no webhook brought, and applies the answer to the record. */
@Component("pollProvider")
class PollProviderDelegate implements JavaDelegate {

    private final AccountProvider provider;

    PollProviderDelegate(AccountProvider provider) {
        this.provider = provider;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(
                VAR_STATUS, provider.poll(execution.getProcessBusinessKey()).name());
    }
}

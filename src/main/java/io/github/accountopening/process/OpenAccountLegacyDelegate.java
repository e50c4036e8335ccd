package io.github.accountopening.process;

import static io.github.accountopening.process.AccountOpeningProcess.VAR_STATUS;

import io.github.accountopening.provider.AccountProvider;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** SYNC: the legacy blocking call, answered with an IBAN or a rejection. */
@Component("openAccountLegacy")
class OpenAccountLegacyDelegate implements JavaDelegate {

    private final AccountProvider provider;

    OpenAccountLegacyDelegate(AccountProvider provider) {
        this.provider = provider;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(
                VAR_STATUS,
                provider.openLegacy(execution.getProcessBusinessKey()).name());
    }
}

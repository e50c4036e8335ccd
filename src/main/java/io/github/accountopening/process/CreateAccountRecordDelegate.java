package io.github.accountopening.process;

import static io.github.accountopening.process.AccountOpeningProcess.*;

import io.github.accountopening.account.AccountOpenings;
import io.github.accountopening.account.DuplicateRequestException;
import io.github.accountopening.account.NewAccountOpening;
import io.github.accountopening.account.OpeningMode;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Creates the account record IN_PROGRESS, in the start transaction, before the provider is called. */
@Component("createAccountRecord")
class CreateAccountRecordDelegate implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(CreateAccountRecordDelegate.class);

    private final AccountOpenings openings;

    CreateAccountRecordDelegate(AccountOpenings openings) {
        this.openings = openings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        try {
            openings.create(new NewAccountOpening(
                    execution.getProcessBusinessKey(),
                    (String) execution.getVariable(VAR_CUSTOMER_ID),
                    (String) execution.getVariable(VAR_MARKET),
                    (String) execution.getVariable(VAR_CUSTOMER_TYPE),
                    (String) execution.getVariable(VAR_LEGAL_NAME),
                    OpeningMode.valueOf((String) execution.getVariable(VAR_MODE)),
                    execution.getProcessInstanceId()));
        } catch (DuplicateRequestException e) {
            log.info("Start of {} refused: {}", execution.getProcessBusinessKey(), e.getMessage());
            throw new InvalidStartException(e.getMessage());
        }
    }
}

package io.github.accountopening.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.stereotype.Component;

import static io.github.accountopening.process.AccountOpeningProcess.*;

/**
 * Ops task, on complete: a resolution that cannot be applied (unknown, or MANUAL with a bad IBAN) is
 * refused and the task stays open. Tasklist shows the message; the REST API answers 400.
 */
@Component("validateResolution")
class ValidateResolutionListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        try {
            OpsResolution.parse(task.getVariable(VAR_RESOLUTION), task.getVariable(VAR_IBAN), task.getVariable(VAR_BIC));
        } catch (IllegalArgumentException e) {
            throw new FormFieldValidationException(VAR_RESOLUTION, e.getMessage());
        }
    }
}

package io.github.accountopening.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

/** Start event: refuses an invalid start before anything is stored, and gives a missing business key a UUID. */
@Component("validateStart")
class ValidateStartListener implements ExecutionListener {

    @Override
    public void notify(DelegateExecution execution) {
        List<String> problems = StartVariables.problems(execution.getProcessBusinessKey(), execution.getVariables());
        if (!problems.isEmpty()) {
            throw new InvalidStartException(String.join("; ", problems));
        }
        if (execution.getProcessBusinessKey() == null) {
            execution.setProcessBusinessKey(UUID.randomUUID().toString());
        }
    }
}

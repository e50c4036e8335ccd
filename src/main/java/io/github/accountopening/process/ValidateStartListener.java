package io.github.accountopening.process;

import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Start event: refuses an invalid start before anything is stored, and gives a missing business key a UUID. */
@Component("validateStart")
class ValidateStartListener implements ExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(ValidateStartListener.class);

    @Override
    public void notify(DelegateExecution execution) {
        List<String> problems = StartVariables.problems(execution.getProcessBusinessKey(), execution.getVariables());
        if (!problems.isEmpty()) {
            String detail = String.join("; ", problems);
            log.info("Start of {} refused: {}", execution.getProcessBusinessKey(), detail);
            throw new InvalidStartException(detail);
        }
        if (execution.getProcessBusinessKey() == null) {
            execution.setProcessBusinessKey(UUID.randomUUID().toString());
        }
    }
}

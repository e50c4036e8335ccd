package io.github.accountopening.process;

import io.github.accountopening.account.AccountOpenings;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * On the polling timers: a firing timer takes the record's row lock, like every other step that moves
 * an opening off its wait. A webhook correlating at the same moment then either finishes first (the
 * timer's job finds its work done and is rolled back) or finds the process no longer waiting and
 * leaves the status to the poll, instead of correlating against a subscription the timer is removing.
 */
@Component("lockAccountRecord")
class LockAccountRecordListener implements ExecutionListener {

    private final AccountOpenings openings;

    LockAccountRecordListener(AccountOpenings openings) {
        this.openings = openings;
    }

    @Override
    public void notify(DelegateExecution execution) {
        openings.lock(execution.getProcessBusinessKey());
    }
}

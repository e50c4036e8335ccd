package io.github.accountopening.process;

import static io.github.accountopening.process.AccountOpeningProcess.VAR_CARD_ID;

import io.github.accountopening.card.CardIssuer;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Issues the virtual card of a completed opening; idempotent per request id. */
@Component("issueVirtualCard")
class IssueVirtualCardDelegate implements JavaDelegate {

    private final CardIssuer cards;

    IssueVirtualCardDelegate(CardIssuer cards) {
        this.cards = cards;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(VAR_CARD_ID, cards.issue(execution.getProcessBusinessKey()));
    }
}

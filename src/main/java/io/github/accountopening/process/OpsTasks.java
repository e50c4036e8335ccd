package io.github.accountopening.process;

import io.github.accountopening.account.AccountOpening;
import org.camunda.bpm.engine.impl.util.ClockUtil;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.github.accountopening.process.AccountOpeningProcess.*;

/**
 * How an ops task names its opening, so that ten escalations in Tasklist's list are ten different lines:
 * the kind of task, the request id, the market and the customer. The same values are the variables the
 * shared filter shows beside each task.
 */
final class OpsTasks {

    static final String STUCK = "Stuck opening";
    static final String CONTRADICTING = "Contradicting statuses";

    private OpsTasks() {
    }

    static String name(String kind, AccountOpening opening) {
        return kind + " " + opening.getRequestId() + " · " + opening.getMarket() + " · " + opening.getLegalName();
    }

    /** The variables the filter "Account openings to resolve" lists, for a task with no process of its own. */
    static Map<String, Object> listed(AccountOpening opening) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(VAR_REQUEST_ID, opening.getRequestId());
        variables.put(VAR_MARKET, opening.getMarket());
        variables.put(VAR_LEGAL_NAME, opening.getLegalName());
        variables.put(VAR_TICKET_KEY, opening.getTicketKey());
        return variables;
    }

    static String now() {
        return ClockUtil.getCurrentTime().toInstant().toString();
    }
}

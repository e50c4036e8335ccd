package io.github.accountopening.process;

import static io.github.accountopening.process.AccountOpeningProcess.*;

import io.github.accountopening.account.AccountOpening;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * How an ops task names its opening, so that ten escalations in Tasklist's list are ten different lines:
 * the kind of task, the request id, the market and the customer. The same values are the variables the
 * shared filter shows beside each task.
 */
final class OpsTasks {

    static final String STUCK = "Stuck opening";
    static final String CONTRADICTING = "Contradicting statuses";

    private OpsTasks() {}

    /** Camunda keeps at most this many characters of a task's name. */
    static final int MAX_NAME = 255;

    static String name(String kind, AccountOpening opening) {
        return name(kind, opening.getRequestId(), opening.getMarket(), opening.getLegalName());
    }

    /** The customer's name is shortened where the whole would not fit: a request id is 64, a legal name 200 long. */
    static String name(String kind, String requestId, String market, String legalName) {
        String name = kind + " " + requestId + " · " + market + " · " + legalName;
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME - 1) + "…";
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

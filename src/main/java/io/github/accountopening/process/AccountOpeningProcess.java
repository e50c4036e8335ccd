package io.github.accountopening.process;

import java.util.List;

/** Every name the BPMN and DMN share with the code, in one place. */
public final class AccountOpeningProcess {

    public static final String KEY = "account-opening";
    public static final String DECISION_MODE = "account-opening-mode";
    public static final String MESSAGE_STATUS_RECEIVED = "AccountOpeningStatusReceived";
    public static final String OPS_GROUP = "ops";

    public static final String VAR_CUSTOMER_ID = "customerId";
    public static final String VAR_MARKET = "market";
    public static final String VAR_CUSTOMER_TYPE = "customerType";
    public static final String VAR_LEGAL_NAME = "legalName";
    public static final String VAR_MODE = "mode";
    public static final String VAR_TRACKING_ID = "trackingId";
    public static final String VAR_STATUS = "status";
    public static final String VAR_ESCALATION_DUE = "escalationDue";
    public static final String VAR_GIVE_UP_AT = "giveUpAt";
    public static final String VAR_TICKET_KEY = "ticketKey";
    public static final String VAR_TICKET_LINK = "ticketLink";
    public static final String VAR_TICKET_TO_CLOSE = "ticketToClose";
    public static final String VAR_CARD_ID = "cardId";
    public static final String VAR_RESOLUTION = "resolution";
    public static final String VAR_IBAN = "iban";
    public static final String VAR_BIC = "bic";
    public static final String VAR_REQUEST_ID = "requestId";
    public static final String VAR_PROVIDER_STATUS = "providerStatus";
    public static final String VAR_COCKPIT_LINK = "cockpitLink";

    /** What ops decides in the escalation task, and nobody else may set. */
    static final List<String> OPS_DECISION = List.of(VAR_RESOLUTION, VAR_IBAN, VAR_BIC);

    private AccountOpeningProcess() {}
}

package io.github.accountopening.process;

/** The model's element ids that only tests name: the application itself reaches the model by its variables and message. */
final class ModelElements {

    public static final String ERROR_STATUS_TERMINAL = "STATUS_TERMINAL";
    public static final String START_EVENT = "StartEvent_OpeningRequested";
    public static final String TASK_DECIDE_MODE = "Task_DecideMode";
    public static final String TASK_CREATE_RECORD = "Task_CreateRecord";
    public static final String TASK_OPEN_ACCOUNT_LEGACY = "Task_OpenAccountLegacy";
    public static final String TASK_REQUEST_PROVIDER_ACCOUNT = "Task_RequestProviderAccount";
    public static final String TASK_CHECK_STATUS = "Task_CheckStatus";
    public static final String TASK_AWAIT_STATUS = "Task_AwaitStatus";
    public static final String TIMER_POLL = "BoundaryEvent_PollingInterval";
    public static final String TASK_POLL_PROVIDER = "Task_PollProvider";
    public static final String TASK_OPEN_TICKET = "Task_OpenTicket";
    public static final String END_TICKET_OPENED = "EndEvent_TicketOpened";
    public static final String SUBPROCESS_OPS = "SubProcess_OpsInvestigation";
    public static final String TASK_RESOLVE_OPENING = "Task_ResolveOpening";
    public static final String TIMER_POLL_WHILE_ESCALATED = "BoundaryEvent_PollWhileEscalated";
    public static final String TASK_POLL_WHILE_ESCALATED = "Task_PollWhileEscalated";
    public static final String EVENT_LATE_STATUS = "BoundaryEvent_LateStatusReceived";
    public static final String TASK_APPLY_RESOLUTION = "Task_ApplyResolution";
    public static final String TASK_COMMENT_TICKET = "Task_CommentTicket";
    public static final String END_TICKET_CLOSED = "EndEvent_TicketClosed";
    public static final String TASK_ISSUE_CARD = "Task_IssueCard";
    public static final String END_ACCOUNT_OPENED = "EndEvent_AccountOpened";
    public static final String END_OPENING_REJECTED = "EndEvent_OpeningRejected";

    private ModelElements() {}
}

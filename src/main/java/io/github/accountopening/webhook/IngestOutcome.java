package io.github.accountopening.webhook;

import io.github.accountopening.account.EventOutcome;

/** The webhook's answer: the audit trail's outcome of the status, or absorbed by the duplicate shield before it. */
public enum IngestOutcome {
    APPLIED,
    DUPLICATE,
    STALE,
    CONTRADICTING,
    PARKED,
    /** Absorbed by the duplicate shield: the same status for the same opening was just processed. */
    SHIELDED;

    static IngestOutcome of(EventOutcome outcome) {
        return valueOf(outcome.name());
    }
}

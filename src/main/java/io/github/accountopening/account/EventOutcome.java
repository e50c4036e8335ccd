package io.github.accountopening.account;

/** What a status report did to the record: the audit trail's vocabulary, and the first part of the webhook's answer. */
public enum EventOutcome {
    /** It moved the record forward. */
    APPLIED,
    /** The record already had exactly this status. */
    DUPLICATE,
    /** The record already had a later status. */
    STALE,
    /** A terminal status other than the one the record already has: nothing changes, ops has to look. */
    CONTRADICTING,
    /**
     * It named no opening of ours yet and was kept. The trail shows it once its opening appears, just
     * before the outcome it then has.
     */
    PARKED
}

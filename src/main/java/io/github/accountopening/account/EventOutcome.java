package io.github.accountopening.account;

/** What a status report did to the record. */
public enum EventOutcome {
    /** It moved the record forward. */
    APPLIED,
    /** The record already had exactly this status. */
    DUPLICATE,
    /** The record already had a later status. */
    STALE,
    /** A terminal status other than the one the record already has: nothing changes, ops has to look. */
    CONTRADICTING
}

package io.github.accountopening.webhook;

/** What became of an accepted status: the record outcome, or absorbed by the shield, or parked. */
public enum IngestOutcome {
    APPLIED, DUPLICATE, STALE, CONTRADICTING, PARKED,
    /** Absorbed by the duplicate shield: the same status for the same opening was just processed. */
    SHIELDED
}

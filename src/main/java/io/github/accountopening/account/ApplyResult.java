package io.github.accountopening.account;

/** What a status report did: its outcome on the record it matched, or parked when it matched none. */
public record ApplyResult(String requestId, EventOutcome outcome, AccountStatus status) {

    public static ApplyResult parked() {
        return new ApplyResult(null, null, null);
    }

    public boolean isParked() {
        return outcome == null;
    }
}

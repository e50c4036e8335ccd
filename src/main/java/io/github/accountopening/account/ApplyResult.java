package io.github.accountopening.account;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a status report did: its outcome, and the status of the record it matched afterwards; a
 * {@link EventOutcome#PARKED parked} report matched no record, so it has no status.
 */
public record ApplyResult(EventOutcome outcome, @Nullable AccountStatus status) {

    public ApplyResult {
        Objects.requireNonNull(outcome, "outcome");
        if ((outcome == EventOutcome.PARKED) != (status == null)) {
            throw new IllegalArgumentException("a parked report has no record status; every other outcome has one");
        }
    }

    static ApplyResult parked() {
        return new ApplyResult(EventOutcome.PARKED, null);
    }

    static ApplyResult on(AccountOpening opening, EventOutcome outcome) {
        return new ApplyResult(outcome, opening.getStatus());
    }
}

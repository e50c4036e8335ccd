package io.github.accountopening.account;

/** The record's status: it only ever moves from {@code IN_PROGRESS} to one of the two terminal ones. */
public enum AccountStatus {
    IN_PROGRESS,
    COMPLETED,
    REJECTED;

    public boolean isTerminal() {
        return this != IN_PROGRESS;
    }
}

package io.github.accountopening.account;

/**
 * Told, inside the transaction and under the row lock that changed the record, what happened to it.
 * The process side implements it: it wakes a waiting process and puts contradictions in front of ops.
 */
public interface StatusListener {

    /** A report from outside the process moved the record to a terminal status. */
    void terminalStatusReached(AccountOpening opening);

    /** A terminal status contradicted the one the record already has. */
    void contradictionReported(AccountOpening opening, StatusReport report);
}

package io.github.accountopening.account;

/** What the process knows when it creates the record. */
public record NewAccountOpening(
        String requestId,
        String customerId,
        String market,
        String customerType,
        String legalName,
        OpeningMode mode,
        String processInstanceId) {}

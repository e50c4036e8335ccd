package io.github.accountopening.account;

import java.time.Instant;

/** The record as the read API shows it. */
public record AccountOpeningView(String requestId, String customerId, String market, String customerType,
                                 OpeningMode mode, AccountStatus status, String trackingId, String iban, String bic,
                                 String rejectionReason, String cardId, String ticketKey, String processInstanceId,
                                 Instant createdAt, Instant updatedAt, String legalName, ProviderStatus providerStatus) {

    static AccountOpeningView of(AccountOpening a) {
        return new AccountOpeningView(a.getRequestId(), a.getCustomerId(), a.getMarket(), a.getCustomerType(),
                a.getMode(), a.getStatus(), a.getTrackingId(), a.getIban(), a.getBic(), a.getRejectionReason(),
                a.getCardId(), a.getTicketKey(), a.getProcessInstanceId(), a.getCreatedAt(), a.getUpdatedAt(),
                a.getLegalName(), a.getProviderStatus());
    }
}

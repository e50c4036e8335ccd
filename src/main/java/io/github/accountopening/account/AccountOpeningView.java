package io.github.accountopening.account;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The record as the read API shows it. */
public record AccountOpeningView(
        String requestId,
        String customerId,
        String market,
        String customerType,
        OpeningMode mode,
        AccountStatus status,
        @Nullable String trackingId,
        @Nullable String iban,
        @Nullable String bic,
        @Nullable String rejectionReason,
        @Nullable String cardId,
        @Nullable String ticketKey,
        String processInstanceId,
        Instant createdAt,
        Instant updatedAt,
        String legalName,
        @Nullable ProviderStatus providerStatus) {

    static AccountOpeningView of(AccountOpening a) {
        return new AccountOpeningView(
                a.getRequestId(),
                a.getCustomerId(),
                a.getMarket(),
                a.getCustomerType(),
                a.getMode(),
                a.getStatus(),
                a.getTrackingId(),
                a.getIban(),
                a.getBic(),
                a.getRejectionReason(),
                a.getCardId(),
                a.getTicketKey(),
                a.getProcessInstanceId(),
                a.getCreatedAt(),
                a.getUpdatedAt(),
                a.getLegalName(),
                a.getProviderStatus());
    }
}

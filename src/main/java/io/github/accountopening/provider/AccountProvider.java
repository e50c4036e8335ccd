package io.github.accountopening.provider;

import feign.RetryableException;
import io.github.accountopening.account.AccountOpening;
import io.github.accountopening.account.AccountOpenings;
import io.github.accountopening.account.AccountStatus;
import io.github.accountopening.account.ApplyResult;
import io.github.accountopening.account.BankAccount;
import io.github.accountopening.account.ProviderStatus;
import io.github.accountopening.account.StatusReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** Asks NexusBank and applies every answer to the account record, like any other status report. */
@Service
public class AccountProvider {

    private final NexusBankApi nexusBank;
    private final AccountOpenings openings;
    private final MeterRegistry meters;

    AccountProvider(NexusBankApi nexusBank, AccountOpenings openings, MeterRegistry meters) {
        this.nexusBank = nexusBank;
        this.openings = openings;
        this.meters = meters;
        for (ProviderStatus status : ProviderStatus.values()) {
            polls(status); // present from the start, so that a rate can be drawn from zero
        }
    }

    private Counter polls(ProviderStatus status) {
        return Counter.builder("account.opening.polls")
                .tag("status", status.name())
                .description("Polls of NexusBank's status API, by the status it answered")
                .register(meters);
    }

    /** ASYNC request: returns the tracking id, or null when NexusBank refused the request outright. */
    public @Nullable String requestAccount(String requestId) {
        AccountOpening opening = openings.get(requestId);
        try {
            NexusBankApi.OpeningAccepted accepted =
                    call("POST /v2/account-openings", () -> nexusBank.requestAccount(requestId, requestOf(opening)));
            if (accepted == null
                    || accepted.trackingId() == null
                    || accepted.trackingId().isBlank()) {
                throw new ProviderUnavailableException(
                        "NexusBank accepted opening " + requestId + " without a tracking_id");
            }
            // A terminal status comes with its details by webhook or poll; the create answer only says it is under way.
            ProviderStatus status = ProviderStatus.parse(accepted.status())
                    .filter(s -> !s.isTerminal())
                    .orElse(ProviderStatus.INITIATED);
            openings.apply(StatusReport.accepted(requestId, accepted.trackingId(), status));
            return accepted.trackingId();
        } catch (ProviderRejectedException e) {
            openings.apply(StatusReport.refused(requestId, e.reason()));
            return null;
        }
    }

    /** SYNC legacy call: the record is COMPLETED or REJECTED when it returns. */
    public AccountStatus openLegacy(String requestId) {
        AccountOpening opening = openings.get(requestId);
        StatusReport report;
        try {
            NexusBankApi.LegacyAccount account =
                    call("POST /v1/accounts", () -> nexusBank.openLegacy(requestId, requestOf(opening)));
            report = StatusReport.opened(requestId, bankAccount(account.iban(), account.bic()));
        } catch (ProviderRejectedException e) {
            report = StatusReport.refused(requestId, e.reason());
        }
        return recordStatus(openings.apply(report));
    }

    /** Polls the status API and applies what it says; returns the record's status afterwards. */
    public AccountStatus poll(String requestId) {
        AccountOpening opening = openings.get(requestId);
        String trackingId = opening.getTrackingId();
        if (trackingId == null) {
            return opening.getStatus();
        }
        NexusBankApi.OpeningStatus answer =
                call("GET /v2/account-openings/" + trackingId, () -> nexusBank.status(trackingId));
        ProviderStatus status = ProviderStatus.parse(answer.status())
                .orElseThrow(() -> new ProviderUnavailableException(
                        "NexusBank's status API answered the unknown status '" + answer.status() + "' for tracking id "
                                + trackingId + "; expected one of " + ProviderStatus.names()));
        polls(status).increment();
        BankAccount account = status == ProviderStatus.COMPLETED ? bankAccount(answer.iban(), answer.bic()) : null;
        return recordStatus(
                openings.apply(StatusReport.polled(requestId, trackingId, status, account, answer.reason())));
    }

    /** A report about a record that exists is never parked, so it always has the record's status. */
    private static AccountStatus recordStatus(ApplyResult result) {
        return Objects.requireNonNull(result.status(), "a report on an existing record has its status");
    }

    private static NexusBankApi.OpeningRequest requestOf(AccountOpening o) {
        return new NexusBankApi.OpeningRequest(
                o.getRequestId(), o.getCustomerId(), o.getLegalName(), o.getMarket(), o.getCustomerType());
    }

    private static BankAccount bankAccount(String iban, String bic) {
        try {
            return new BankAccount(iban, bic);
        } catch (BankAccount.InvalidBankAccountException e) {
            throw new ProviderUnavailableException("NexusBank sent an account we cannot use: " + e.getMessage(), e);
        }
    }

    private static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (RetryableException e) {
            throw new ProviderUnavailableException("NexusBank did not answer " + what + ": " + e.getMessage(), e);
        }
    }
}

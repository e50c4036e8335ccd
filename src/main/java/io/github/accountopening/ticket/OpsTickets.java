package io.github.accountopening.ticket;

import feign.FeignException;
import feign.RetryableException;
import io.github.accountopening.account.AccountOpening;
import io.github.accountopening.account.AccountOpenings;
import io.github.accountopening.account.AccountStatus;
import io.github.accountopening.config.AccountOpeningProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.ConnectException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * One Jira issue per opening that never got a terminal status. Jira has no idempotency key, so the
 * record notes that a creation was started before Jira is called, a retry looks for an issue carrying
 * the opening's own label before creating one, and the key is stored after. Jira Cloud's search can lag
 * a few seconds behind a create: a retry that finds nothing that soon after an attempt whose outcome is
 * unknown waits rather than opening a second issue.
 */
@Service
public class OpsTickets {

    public static final String LABEL = "AccountOpeningWebhookNotReceived";

    private static final Logger log = LoggerFactory.getLogger(OpsTickets.class);

    private final JiraClient jira;
    private final JiraProperties jiraProperties;
    private final AccountOpeningProperties properties;
    private final AccountOpenings openings;
    private final Counter escalations;
    private final MeterRegistry meters;

    OpsTickets(
            JiraClient jira,
            JiraProperties jiraProperties,
            AccountOpeningProperties properties,
            AccountOpenings openings,
            MeterRegistry meters) {
        this.jira = jira;
        this.jiraProperties = jiraProperties;
        this.properties = properties;
        this.openings = openings;
        this.meters = meters;
        this.escalations = Counter.builder("account.opening.escalations")
                .description("Jira tickets opened for openings that got no terminal status in time")
                .register(meters);
        for (String operation : List.of("open", "close")) {
            failures(operation);
        }
    }

    public static String requestLabel(String requestId) {
        return "aor-" + requestId;
    }

    /**
     * Returns the key of the opening's ticket, creating it only if none exists yet, or null when the
     * opening has ended meanwhile and no ticket is needed any more.
     */
    public @Nullable String open(String requestId, String processInstanceId) {
        AccountOpening opening = openings.get(requestId);
        if (opening.getTicketKey() != null) {
            return opening.getTicketKey();
        }
        try {
            JiraKind kind = jira.kind();
            Optional<String> existing = existingTicket(kind, opening);
            if (existing.isPresent()) {
                openings.recordTicket(requestId, existing.get());
                return existing.get();
            }
            if (!openings.startTicketCreation(requestId)) {
                return null;
            }
            String key = create(kind, opening, processInstanceId);
            escalations.increment();
            openings.recordTicket(requestId, key);
            return key;
        } catch (RuntimeException e) {
            failures("open").increment();
            throw e;
        }
    }

    /**
     * Comments on the ticket how the opening ended; nothing to do for an opening that had none. A ticket
     * whose creation was started but whose key was never stored (a crash, a timeout, or the opening
     * ending while it was being created) is looked up by its label first.
     */
    public void reportOutcome(String requestId) {
        AccountOpening opening = openings.get(requestId);
        if (!opening.hasTicketToClose()) {
            return;
        }
        try {
            JiraKind kind = jira.kind();
            String key = opening.getTicketKey();
            if (key == null) {
                Optional<String> found = existingTicket(kind, opening);
                if (found.isEmpty()) {
                    openings.forgetTicketRequest(requestId);
                    log.info("Opening {}: no ticket was created after all, none to close", requestId);
                    return;
                }
                key = found.get();
                openings.recordTicket(requestId, key);
            }
            kind.comment(key, outcome(opening));
        } catch (FeignException e) {
            failures("close").increment();
            throw new IllegalStateException(
                    "Jira could not take the closing comment of opening " + requestId + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            failures("close").increment();
            throw e;
        }
    }

    /** Where a person reads the ticket: Jira's own page of the issue. */
    public String ticketLink(String ticketKey) {
        return jiraProperties.baseUrl() + "/browse/" + ticketKey;
    }

    public String cockpitLink(String processInstanceId) {
        return properties.publicUrl() + "/camunda/app/cockpit/default/#/process-instance/" + processInstanceId
                + "/runtime";
    }

    /**
     * The issue carrying the opening's label. Found nothing although an attempt with an unknown outcome
     * was started recently on a Jira whose search lags: fails, so that the job is retried later.
     */
    private Optional<String> existingTicket(JiraKind kind, AccountOpening opening) {
        List<String> found;
        try {
            found = kind.search("labels = \"" + requestLabel(opening.getRequestId()) + "\"");
        } catch (FeignException e) {
            throw new IllegalStateException(
                    "Jira could not be searched for the ticket of opening " + opening.getRequestId() + ": "
                            + e.getMessage(),
                    e);
        }
        Instant requestedAt = opening.getTicketRequestedAt();
        if (found.isEmpty()
                && requestedAt != null
                && kind.searchLags()
                && Instant.now().isBefore(requestedAt.plus(jiraProperties.searchSettleTime()))) {
            throw new IllegalStateException(
                    "The ticket of opening " + opening.getRequestId() + " may have been created at "
                            + requestedAt + " but Jira's search does not show it yet; trying again later"
                            + " rather than opening a second one");
        }
        if (found.size() > 1) {
            log.warn(
                    "Opening {} has {} Jira issues labelled {}: {}; keeping the first",
                    opening.getRequestId(),
                    found.size(),
                    requestLabel(opening.getRequestId()),
                    found);
        }
        return found.stream().findFirst();
    }

    private String create(JiraKind kind, AccountOpening opening, String processInstanceId) {
        try {
            return kind.create(newTicket(opening, processInstanceId));
        } catch (FeignException e) {
            if (refused(e)) {
                openings.forgetTicketRequest(opening.getRequestId());
            }
            throw new IllegalStateException(
                    "Jira could not open the ticket of opening " + opening.getRequestId() + ": " + e.getMessage(), e);
        }
    }

    /** Jira answered with a client error, or could not be reached at all: certainly nothing was created. */
    private static boolean refused(FeignException e) {
        return (e.status() >= 400 && e.status() < 500)
                || (e instanceof RetryableException && e.getCause() instanceof ConnectException);
    }

    private String outcome(AccountOpening opening) {
        String outcome = opening.getStatus() == AccountStatus.COMPLETED
                ? "completed with IBAN " + opening.getIban() + " (BIC " + opening.getBic() + ")"
                : "rejected: " + opening.getRejectionReason();
        return "Account opening " + opening.getRequestId() + " " + outcome + ". Last provider status: "
                + opening.getProviderStatus() + ". Nothing more to do here.";
    }

    private NewTicket newTicket(AccountOpening o, String processInstanceId) {
        return new NewTicket(
                jiraProperties.projectKey(),
                jiraProperties.issueType(),
                LABEL + ": " + o.getRequestId(),
                List.of(LABEL, requestLabel(o.getRequestId())),
                "No terminal status arrived from NexusBank for account opening %s within %s of the request."
                        .formatted(o.getRequestId(), properties.polling().giveUpAfter()),
                List.of(
                        new NewTicket.Fact("Request id", o.getRequestId(), false),
                        new NewTicket.Fact("Tracking id", String.valueOf(o.getTrackingId()), false),
                        new NewTicket.Fact(
                                "Customer",
                                "%s (%s, %s %s)"
                                        .formatted(
                                                o.getLegalName(),
                                                o.getCustomerId(),
                                                o.getMarket(),
                                                o.getCustomerType()),
                                false),
                        new NewTicket.Fact("Last provider status", String.valueOf(o.getProviderStatus()), false),
                        new NewTicket.Fact("Process instance in Cockpit", cockpitLink(processInstanceId), true)),
                "Resolve the task in Tasklist (group ops): RETRY for one more polling window, REJECT, or MANUAL with the IBAN and BIC.");
    }

    private Counter failures(String operation) {
        return Counter.builder("account.opening.jira.failures")
                .tag("operation", operation)
                .description(
                        "Failed attempts to open or close an ops ticket in Jira (each is retried, then an incident)")
                .register(meters);
    }
}

package io.github.accountopening.ticket;

import feign.FeignException;
import io.github.accountopening.account.AccountOpening;
import io.github.accountopening.account.AccountOpenings;
import io.github.accountopening.account.AccountStatus;
import io.github.accountopening.config.AccountOpeningProperties;
import io.github.accountopening.config.JiraProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Service;

import java.util.List;

/**
 * One Jira issue per opening that never got a terminal status. Jira has no idempotency key, so before
 * creating one we look for an issue carrying the opening's own label: a job retried after a timeout or
 * a crash finds the issue its first attempt created.
 */
@Service
public class OpsTickets {

    public static final String LABEL = "AccountOpeningWebhookNotReceived";

    private final JiraApi jira;
    private final JiraProperties jiraProperties;
    private final AccountOpeningProperties properties;
    private final AccountOpenings openings;
    private final Counter escalations;

    OpsTickets(JiraApi jira, JiraProperties jiraProperties, AccountOpeningProperties properties,
               AccountOpenings openings, MeterRegistry meters) {
        this.jira = jira;
        this.jiraProperties = jiraProperties;
        this.properties = properties;
        this.openings = openings;
        this.escalations = Counter.builder("account.opening.escalations")
                .description("Jira tickets opened for openings that got no terminal status in time").register(meters);
    }

    public static String requestLabel(String requestId) {
        return "aor-" + requestId;
    }

    /** Returns the key of the opening's ticket, creating it only if none exists yet. */
    public String open(String requestId, String processInstanceId) {
        AccountOpening opening = openings.get(requestId);
        if (opening.getTicketKey() != null) {
            return opening.getTicketKey();
        }
        try {
            String key = existingTicket(requestId);
            if (key == null) {
                key = jira.create(newIssue(opening, processInstanceId)).key();
                escalations.increment();
            }
            return openings.recordTicket(requestId, key).getTicketKey();
        } catch (FeignException e) {
            throw new IllegalStateException("Jira could not open the ticket of opening " + requestId + ": " + e.getMessage(), e);
        }
    }

    /** Comments on the ticket how the opening ended; nothing to do for an opening that had none. */
    public void reportOutcome(String requestId) {
        AccountOpening opening = openings.get(requestId);
        if (opening.getTicketKey() == null) {
            return;
        }
        String outcome = opening.getStatus() == AccountStatus.COMPLETED
                ? "completed with IBAN " + opening.getIban() + " (BIC " + opening.getBic() + ")"
                : "rejected: " + opening.getRejectionReason();
        try {
            jira.comment(opening.getTicketKey(), new JiraApi.Comment("Account opening " + requestId + " " + outcome
                    + ". Last provider status: " + opening.getProviderStatus() + ". Nothing more to do here."));
        } catch (FeignException e) {
            throw new IllegalStateException("Jira could not take the closing comment on " + opening.getTicketKey()
                    + ": " + e.getMessage(), e);
        }
    }

    public String cockpitLink(String processInstanceId) {
        return properties.publicUrl() + "/camunda/app/cockpit/default/#/process-instance/" + processInstanceId + "/runtime";
    }

    private String existingTicket(String requestId) {
        JiraApi.SearchResult found = jira.search("labels = \"" + requestLabel(requestId) + "\"");
        return found == null || found.issues() == null || found.issues().isEmpty() ? null : found.issues().get(0).key();
    }

    private JiraApi.NewIssue newIssue(AccountOpening o, String processInstanceId) {
        String description = """
                No terminal status arrived from NexusBank for account opening %s within %s of the request.
                
                * Request id: %s
                * Tracking id: %s
                * Customer: %s (%s, %s %s)
                * Last provider status: %s
                * Process instance in Cockpit: %s
                
                Resolve the task in Tasklist (group ops): RETRY for one more polling window, REJECT, or MANUAL with the IBAN and BIC.
                """.formatted(o.getRequestId(), properties.polling().giveUpAfter(), o.getRequestId(), o.getTrackingId(),
                o.getLegalName(), o.getCustomerId(), o.getMarket(), o.getCustomerType(), o.getProviderStatus(),
                cockpitLink(processInstanceId));
        return new JiraApi.NewIssue(new JiraApi.Fields(new JiraApi.Project(jiraProperties.projectKey()),
                LABEL + ": " + o.getRequestId(), description, new JiraApi.IssueType(jiraProperties.issueType()),
                List.of(LABEL, requestLabel(o.getRequestId()))));
    }
}

package io.github.accountopening.account;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.persister.entity.EntityPersister;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The only writer of account records. Every change locks the row first ({@code SELECT ... FOR UPDATE}),
 * so two writers never both believe they moved the same record, and every status report is appended
 * to the audit trail in the same transaction.
 */
@Service
public class AccountOpenings {

    private static final Logger log = LoggerFactory.getLogger(AccountOpenings.class);

    private final AccountOpeningRepository records;
    private final AccountOpeningEventRepository events;
    private final AuditTrail trail;
    private final ParkedReports parked;
    private final StatusListener listener;
    private final MeterRegistry meters;
    private final Timer ibanWait;

    @PersistenceContext
    private EntityManager entityManager;

    AccountOpenings(
            AccountOpeningRepository records,
            AccountOpeningEventRepository events,
            AuditTrail trail,
            ParkedReports parked,
            StatusListener listener,
            MeterRegistry meters) {
        this.records = records;
        this.events = events;
        this.trail = trail;
        this.parked = parked;
        this.listener = listener;
        this.meters = meters;
        this.ibanWait = Timer.builder("account.opening.iban.wait")
                .description("From the opening's record (the provider is asked right after) to its IBAN")
                .publishPercentileHistogram()
                // from a SYNC opening's second to an escalated one's day, with a bucket at the alert's hour
                .minimumExpectedValue(Duration.ofMillis(100))
                .maximumExpectedValue(Duration.ofDays(2))
                .serviceLevelObjectives(Duration.ofHours(1))
                .register(meters);
    }

    /** Creates the record IN_PROGRESS with empty IBAN/BIC; a request id is taken only once. */
    @Transactional
    public AccountOpening create(NewAccountOpening opening) {
        if (records.existsById(opening.requestId())) {
            throw new DuplicateRequestException(opening.requestId());
        }
        try {
            AccountOpening created = records.saveAndFlush(new AccountOpening(opening, Instant.now()));
            log.info(
                    "Opening {} created IN_PROGRESS ({} {}, {})",
                    opening.requestId(),
                    opening.market(),
                    opening.customerType(),
                    opening.mode());
            return created;
        } catch (DataIntegrityViolationException e) {
            throw new DuplicateRequestException(opening.requestId());
        }
    }

    /**
     * Applies a status report to the record it names, under the row lock. A report that names no
     * record yet is parked and applied once its tracking id is known.
     */
    @Transactional
    public ApplyResult apply(StatusReport report) {
        Optional<AccountOpening> found = lockRecordOf(report);
        if (found.isEmpty()) {
            parked.park(report);
            return ApplyResult.parked();
        }
        return applyLocked(found.get(), report);
    }

    private ApplyResult applyLocked(AccountOpening opening, StatusReport report) {
        try (var requestId = MDC.putCloseable("requestId", opening.getRequestId());
                var trackingId = MDC.putCloseable(
                        "trackingId",
                        opening.getTrackingId() != null ? opening.getTrackingId() : report.trackingId())) {
            return applyLockedInContext(opening, report);
        }
    }

    private ApplyResult applyLockedInContext(AccountOpening opening, StatusReport report) {
        boolean trackingIdWasKnown = opening.getTrackingId() != null;
        AccountStatus before = opening.getStatus();
        EventOutcome outcome = opening.accept(report, Instant.now());
        trail.append(opening.getRequestId(), report, outcome, Instant.now());
        meters.counter("account.opening.reports", "source", report.source().name(), "outcome", outcome.name())
                .increment();
        if (outcome == EventOutcome.APPLIED) {
            log.info(
                    "Opening {} (tracking {}): {} from {} applied, record {} -> {}",
                    opening.getRequestId(),
                    opening.getTrackingId(),
                    report.status(),
                    report.source(),
                    before,
                    opening.getStatus());
            if (before != opening.getStatus()) {
                meters.counter(
                                "account.opening.transitions",
                                "from",
                                before.name(),
                                "to",
                                opening.getStatus().name())
                        .increment();
            }
            if (before != AccountStatus.COMPLETED && opening.getStatus() == AccountStatus.COMPLETED) {
                ibanWait.record(Duration.between(opening.getCreatedAt(), Instant.now()));
            }
        } else {
            log.info(
                    "Opening {} (tracking {}): {} from {} is {}, record stays {}",
                    opening.getRequestId(),
                    opening.getTrackingId(),
                    report.status(),
                    report.source(),
                    outcome,
                    opening.getStatus());
        }
        if (!trackingIdWasKnown && opening.getTrackingId() != null) {
            applyParkedReports(opening);
        }
        if (outcome == EventOutcome.APPLIED
                && opening.getStatus().isTerminal()
                && report.source().isFromOutside()) {
            listener.terminalStatusReached(opening);
        }
        if (outcome == EventOutcome.CONTRADICTING) {
            log.warn(
                    "Opening {} (tracking {}) is {} but {} reported {}: nothing changed, ops must look",
                    opening.getRequestId(),
                    opening.getTrackingId(),
                    opening.getStatus(),
                    report.source(),
                    report.status());
            listener.contradictionReported(opening, report);
        }
        return ApplyResult.on(opening, outcome);
    }

    private void applyParkedReports(AccountOpening opening) {
        for (StatusReport report : parked.takeFor(opening)) {
            applyParked(opening, report);
        }
    }

    /** The trail shows that the report waited for its opening, then what it did once matched. */
    void applyParked(AccountOpening opening, StatusReport report) {
        trail.append(opening.getRequestId(), report, EventOutcome.PARKED, Instant.now());
        applyLocked(opening, report);
    }

    /** Locks the record for the rest of the caller's transaction and returns it as it is now. */
    @Transactional
    public AccountOpening lock(String requestId) {
        return lockAndLoad(requestId).orElseThrow(() -> new AccountOpeningNotFoundException(requestId));
    }

    /** The record a report names, locked, if there is one yet. */
    Optional<AccountOpening> lockRecordOf(StatusReport report) {
        Optional<AccountOpening> found = Optional.empty();
        if (report.requestId() != null) {
            found = lockAndLoad(report.requestId());
        }
        if (found.isEmpty() && report.trackingId() != null) {
            // a tracking id never changes once stored, so the request id found unlocked still names the same row
            found = records.findRequestIdByTrackingId(report.trackingId()).flatMap(this::lockAndLoad);
        }
        return found;
    }

    /**
     * {@code SELECT ... FOR UPDATE} that loads the row as it is now, in one statement. A record this
     * transaction already read without the lock (a job reads it, calls the provider, then applies the
     * answer) is reloaded by that statement rather than kept as it was first read; one it already
     * holds the lock on is current, and costs nothing.
     */
    private Optional<AccountOpening> lockAndLoad(String requestId) {
        AccountOpening loaded = alreadyLoaded(requestId);
        if (loaded == null) {
            return Optional.ofNullable(
                    entityManager.find(AccountOpening.class, requestId, LockModeType.PESSIMISTIC_WRITE));
        }
        if (entityManager.getLockMode(loaded) != LockModeType.PESSIMISTIC_WRITE) {
            entityManager.refresh(loaded, LockModeType.PESSIMISTIC_WRITE);
        }
        return Optional.of(loaded);
    }

    /** The record's instance in this transaction's persistence context, if any, without asking the database. */
    private @Nullable AccountOpening alreadyLoaded(String requestId) {
        SessionImplementor session = entityManager.unwrap(SessionImplementor.class);
        EntityPersister persister =
                session.getFactory().getMappingMetamodel().getEntityDescriptor(AccountOpening.class);
        return (AccountOpening)
                session.getPersistenceContextInternal().getEntity(session.generateEntityKey(requestId, persister));
    }

    @Transactional
    public AccountOpening recordCard(String requestId, String cardId) {
        AccountOpening opening = lock(requestId);
        opening.recordCard(cardId, Instant.now());
        log.info("Opening {} (tracking {}): virtual card {} issued", requestId, opening.getTrackingId(), cardId);
        return opening;
    }

    @Transactional
    public AccountOpening recordTicket(String requestId, String ticketKey) {
        AccountOpening opening = lock(requestId);
        opening.recordTicket(ticketKey, Instant.now());
        log.info("Opening {} (tracking {}): ops ticket {}", requestId, opening.getTrackingId(), ticketKey);
        return opening;
    }

    /**
     * Notes, in a transaction of its own committed before Jira is called, that a ticket is about to be
     * created, so that a retry after a crash or a timeout knows one may exist. Refused (false) once the
     * opening is terminal: a status applied under this same lock has made the ticket unnecessary.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean startTicketCreation(String requestId) {
        AccountOpening opening = lock(requestId);
        if (opening.getStatus().isTerminal()) {
            return false;
        }
        opening.recordTicketRequested(Instant.now());
        return true;
    }

    /** No ticket was created after all (Jira refused it, or a search long after the attempt finds none). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void forgetTicketRequest(String requestId) {
        lock(requestId).forgetTicketRequest();
    }

    @Transactional(readOnly = true)
    public Optional<AccountOpening> find(String requestId) {
        return records.findById(requestId);
    }

    @Transactional(readOnly = true)
    public AccountOpening get(String requestId) {
        return find(requestId).orElseThrow(() -> new AccountOpeningNotFoundException(requestId));
    }

    @Transactional(readOnly = true)
    public Optional<String> requestIdOfTrackingId(@Nullable String trackingId) {
        return records.findRequestIdByTrackingId(trackingId);
    }

    @Transactional(readOnly = true)
    public List<AccountOpening> list(@Nullable AccountStatus status, int limit) {
        return status == null
                ? records.findAllByOrderByCreatedAt(Limit.of(limit))
                : records.findByStatusOrderByCreatedAt(status, Limit.of(limit));
    }

    @Transactional(readOnly = true)
    public List<AccountOpeningEvent> events(String requestId) {
        if (!records.existsById(requestId)) {
            throw new AccountOpeningNotFoundException(requestId);
        }
        return events.findByRequestIdOrderById(requestId);
    }
}

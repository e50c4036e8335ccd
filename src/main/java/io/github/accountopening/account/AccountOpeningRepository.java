package io.github.accountopening.account;

import jakarta.persistence.LockModeType;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;

interface AccountOpeningRepository extends JpaRepository<AccountOpening, String> {

    /** {@code SELECT ... FOR UPDATE}: the lock every writer takes before it reads the status. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from AccountOpening a where a.requestId = ?1")
    Optional<AccountOpening> lockByRequestId(String requestId);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from AccountOpening a where a.trackingId = ?1")
    Optional<AccountOpening> lockByTrackingId(String trackingId);

    Optional<AccountOpening> findByTrackingId(String trackingId);

    List<AccountOpening> findByStatusOrderByCreatedAt(AccountStatus status, Limit limit);

    List<AccountOpening> findAllByOrderByCreatedAt(Limit limit);

    long countByStatus(AccountStatus status);

    long countByStatusAndTicketKeyIsNotNull(AccountStatus status);
}

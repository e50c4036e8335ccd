package io.github.accountopening.account;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface AccountOpeningRepository extends JpaRepository<AccountOpening, String> {

    @Query("select a.requestId from AccountOpening a where a.trackingId = ?1")
    Optional<String> findRequestIdByTrackingId(@Nullable String trackingId);

    List<AccountOpening> findByStatusOrderByCreatedAt(AccountStatus status, Limit limit);

    List<AccountOpening> findAllByOrderByCreatedAt(Limit limit);

    long countByStatus(AccountStatus status);

    long countByStatusAndTicketKeyIsNotNull(AccountStatus status);
}

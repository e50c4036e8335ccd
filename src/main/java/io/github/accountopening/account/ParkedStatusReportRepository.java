package io.github.accountopening.account;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ParkedStatusReportRepository extends JpaRepository<ParkedStatusReport, Long> {

    @Query("select p from ParkedStatusReport p where p.trackingId = ?1 or p.requestId = ?2 order by p.id")
    List<ParkedStatusReport> findFor(@Nullable String trackingId, String requestId);

    List<ParkedStatusReport> findByReceivedAtAfterOrderById(Instant since);

    @Modifying
    @Query("delete from ParkedStatusReport p where p.receivedAt < ?1")
    int deleteReceivedBefore(Instant cutoff);
}

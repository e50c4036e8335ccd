package io.github.accountopening.account;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface AccountOpeningEventRepository extends JpaRepository<AccountOpeningEvent, Long> {

    List<AccountOpeningEvent> findByRequestIdOrderById(String requestId);
}

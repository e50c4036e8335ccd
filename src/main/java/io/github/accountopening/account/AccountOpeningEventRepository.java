package io.github.accountopening.account;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

interface AccountOpeningEventRepository extends JpaRepository<AccountOpeningEvent, Long> {

    List<AccountOpeningEvent> findByRequestIdOrderById(String requestId);
}

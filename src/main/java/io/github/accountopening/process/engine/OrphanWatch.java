package io.github.accountopening.process.engine;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * No silent failures: counts openings still IN_PROGRESS that nothing will ever move, because their
 * process instance is gone or has no message wait, job, user task or incident left. It must read 0.
 * The record and its next process step always commit together, so there is no window in which a
 * healthy opening is counted.
 */
@Component("orphans")
public class OrphanWatch implements HealthIndicator {

    static final String COUNT_ORPHANS = """
            select count(*) from account_opening a
            where a.status = 'IN_PROGRESS'
              and not exists (select 1 from ACT_RU_EVENT_SUBSCR s where s.PROC_INST_ID_ = a.process_instance_id)
              and not exists (select 1 from ACT_RU_JOB j where j.PROCESS_INSTANCE_ID_ = a.process_instance_id)
              and not exists (select 1 from ACT_RU_TASK t where t.PROC_INST_ID_ = a.process_instance_id)
              and not exists (select 1 from ACT_RU_INCIDENT i where i.PROC_INST_ID_ = a.process_instance_id)
            """;

    private final JdbcTemplate jdbc;

    OrphanWatch(JdbcTemplate jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        Gauge.builder("account.opening.orphans", this, OrphanWatch::count)
                .description("IN_PROGRESS openings that no wait, job, task or incident will move: must be 0")
                .register(meters);
    }

    public long count() {
        Long count = jdbc.queryForObject(COUNT_ORPHANS, Long.class);
        return count == null ? 0 : count;
    }

    /** Reported as a detail, not as DOWN: an orphan needs a person, not a node taken out of the load balancer. */
    @Override
    public Health health() {
        return Health.up().withDetail("orphanedOpenings", count()).build();
    }
}

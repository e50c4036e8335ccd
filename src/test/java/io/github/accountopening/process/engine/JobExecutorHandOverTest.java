package io.github.accountopening.process.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.accountopening.support.Api;
import io.github.accountopening.support.FreePortInitializer;
import java.time.Duration;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * A stopping node hands back the jobs its executor fetched but had not started, with SQL on Camunda's
 * job table: this fails as soon as a Camunda version changes that table under it.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {
            "simulator.webhook-delay=PT0S",
            "spring.datasource.url=jdbc:h2:mem:hand-over;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000"
        })
@ContextConfiguration(initializers = FreePortInitializer.class)
@DirtiesContext // its job executor is stopped at the end
class JobExecutorHandOverTest {

    @Autowired
    JobExecutorHandOver handOver;

    @Autowired
    ProcessEngineConfigurationImpl engine;

    @Autowired
    ManagementService management;

    @Autowired
    JdbcTemplate jdbc;

    @Value("${server.port}")
    int port;

    @Test
    void fetchedJobsAreUnlockedWhenTheNodeStops() {
        Api api = new Api(port);
        String requestId = Api.newRequestId();
        assertThat(api.start(requestId, "C-1", "NL", "COMPANY", "Hand-over B.V. [stuck]")
                        .status())
                .isEqualTo(200);
        String instance = api.record(requestId).json().path("processInstanceId").asText();
        Job timer = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> management
                                .createJobQuery()
                                .timers()
                                .processInstanceId(instance)
                                .singleResult(),
                        job -> job != null);
        String lockOwner = engine.getJobExecutor().getLockOwner();
        // As the executor marks a job it has fetched: its own name and a lock that runs for a while.
        jdbc.update(
                "update ACT_RU_JOB set LOCK_OWNER_ = ?, LOCK_EXP_TIME_ = ? where ID_ = ?",
                lockOwner,
                new java.sql.Timestamp(System.currentTimeMillis() + 300_000),
                timer.getId());

        handOver.stop();

        assertThat(engine.getJobExecutor().isActive()).isFalse();
        assertThat(jdbc.queryForMap("select LOCK_OWNER_, LOCK_EXP_TIME_ from ACT_RU_JOB where ID_ = ?", timer.getId()))
                .containsEntry("LOCK_OWNER_", null)
                .containsEntry("LOCK_EXP_TIME_", null);
    }
}

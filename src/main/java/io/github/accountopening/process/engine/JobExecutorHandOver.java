package io.github.accountopening.process.engine;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A node that stops hands its jobs over. Once the web server has finished the requests it accepted
 * (graceful shutdown), the job executor stops, waiting for the jobs it is running, and the jobs it had
 * fetched but not started are unlocked at once, so another node takes them now rather than when
 * their lock expires.
 */
@Component
class JobExecutorHandOver implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobExecutorHandOver.class);
    /** Camunda 7.24's job table; JobExecutorHandOverTest fails if a new version changes it under this. */
    static final String UNLOCK =
            "update ACT_RU_JOB set LOCK_OWNER_ = null, LOCK_EXP_TIME_ = null where LOCK_OWNER_ = ?";

    private final ProcessEngineConfigurationImpl engine;
    private final JdbcTemplate jdbc;
    private volatile boolean running;

    JobExecutorHandOver(ProcessEngineConfigurationImpl engine, JdbcTemplate jdbc) {
        this.engine = engine;
        this.jdbc = jdbc;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        JobExecutor jobExecutor = engine.getJobExecutor();
        if (jobExecutor == null || !jobExecutor.isActive()) {
            return;
        }
        jobExecutor.shutdown();
        int released = jdbc.update(UNLOCK, jobExecutor.getLockOwner());
        log.info(
                "Job executor {} stopped; {} fetched jobs handed back to the other nodes",
                jobExecutor.getLockOwner(),
                released);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the web server's graceful shutdown, before it stops. */
    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 512;
    }
}

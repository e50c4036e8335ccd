package io.github.accountopening.process.engine;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/** The engine's figures ops watch beside ours: open incidents, jobs due, jobs out of retries. */
@Component
class EngineMetrics {

    EngineMetrics(RuntimeService runtime, ManagementService management, MeterRegistry meters) {
        Gauge.builder(
                        "camunda.incidents.open",
                        runtime,
                        r -> r.createIncidentQuery().count())
                .description("Open incidents: failed jobs that need a person in Cockpit")
                .register(meters);
        Gauge.builder(
                        "camunda.jobs.waiting",
                        management,
                        m -> m.createJobQuery().executable().count())
                .description("Jobs due now and waiting for a job executor")
                .register(meters);
        Gauge.builder(
                        "camunda.jobs.failed",
                        management,
                        m -> m.createJobQuery().noRetriesLeft().count())
                .description("Jobs that used up their retries")
                .register(meters);
    }
}

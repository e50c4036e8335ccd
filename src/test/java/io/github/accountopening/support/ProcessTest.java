package io.github.accountopening.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestExecutionListeners;

/**
 * The application on its in-memory H2 engine with the job executor off: a test fires each job by
 * activity id and moves time with {@code ClockUtil}. The simulators answer over real HTTP; process
 * coverage is reported under {@code target/process-test-coverage}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {
            "camunda.bpm.job-execution.enabled=false",
            "simulator.webhook-delay=PT0S",
            "spring.datasource.url=jdbc:h2:mem:process-test;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000"
        })
@ContextConfiguration(initializers = FreePortInitializer.class)
@Import({ProcessEngineCoverageConfiguration.class, CoverageGoal.class})
@TestExecutionListeners(
        value = ProcessEngineCoverageTestExecutionListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public @interface ProcessTest {}

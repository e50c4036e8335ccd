package io.github.accountopening.support;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on profile {@code postgres}, on a real PostgreSQL the test starts itself,
 * job executor on, with chaos in every webhook the simulator sends (30% duplicated, 20% dropped, 30%
 * held back) and time compressed: polls every second, escalation after a minute.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {
            "simulator.webhook-delay=PT0.2S",
            "simulator.chaos.duplicate-rate=0.3",
            "simulator.chaos.drop-rate=0.2",
            "simulator.chaos.reorder-rate=0.3",
            "account-opening.sandbox.enabled=false",
            "account-opening.polling.interval=PT1S",
            "account-opening.polling.give-up-after=PT60S",
            "account-opening.retry-cycle=R5/PT1S",
            "camunda.bpm.job-execution.wait-time-in-millis=100",
            "camunda.bpm.job-execution.max-wait=500"
        })
@ContextConfiguration(initializers = FreePortInitializer.class)
@ActiveProfiles("postgres")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Import(ApiClient.class)
public abstract class PostgresAppTest {

    @Autowired
    protected Api api;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.useNewDatabase(registry);
    }
}

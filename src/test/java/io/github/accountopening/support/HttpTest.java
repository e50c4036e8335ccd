package io.github.accountopening.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a real port, job executor on, talking to its simulators over real HTTP,
 * with time compressed: webhooks after 0.3 s, polls every 3 s, escalation after 9 s, job retries
 * every second, metrics exported as in production, Jira Cloud (a personal access token set, which Cloud
 * does not take). Every HTTP test shares this one application, and autowires its {@link Api} client.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {
            "simulator.webhook-delay=PT0.3S",
            "account-opening.polling.interval=PT3S",
            "account-opening.polling.give-up-after=PT9S",
            "account-opening.retry-cycle=R3/PT1S",
            "camunda.bpm.job-execution.wait-time-in-millis=100",
            "camunda.bpm.job-execution.max-wait=500",
            "jira.personal-access-token=dev-jira-personal-access-token"
        })
@ContextConfiguration(initializers = FreePortInitializer.class)
@AutoConfigureObservability
@Import(ApiClient.class)
public @interface HttpTest {}

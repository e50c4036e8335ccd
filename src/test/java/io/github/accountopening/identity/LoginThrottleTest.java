package io.github.accountopening.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The limiter's arithmetic, with time moved by hand. */
class LoginThrottleTest {

    private final MovableClock clock = new MovableClock();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final LoginThrottle throttle =
            new LoginThrottle(new LoginThrottleProperties(3, Duration.ofMinutes(5)), meters, clock);

    @Test
    void refusesAnAddressOnceItFailedTheLimitWithinTheWindowUntilTheOldestFailureLeavesIt() {
        throttle.failed("203.0.113.1", "onboarding-svc");
        clock.move(Duration.ofMinutes(1));
        throttle.failed("203.0.113.1", "onboarding-svc");
        assertThat(throttle.refusal("203.0.113.1", "onboarding-svc")).isEmpty();
        clock.move(Duration.ofMinutes(1));
        throttle.failed("203.0.113.1", "onboarding-svc");

        assertThat(throttle.refusal("203.0.113.1", "onboarding-svc")).contains(Duration.ofMinutes(3));
        assertThat(throttle.refusal("203.0.113.2", "onboarding-svc"))
                .as("another address")
                .isEmpty();
        assertThat(throttle.refusal("203.0.113.1", "ops-svc"))
                .as("another user")
                .isEmpty();

        clock.move(Duration.ofMinutes(3));
        assertThat(throttle.refusal("203.0.113.1", "onboarding-svc"))
                .as("the first failure left the window")
                .isEmpty();
        throttle.failed("203.0.113.1", "onboarding-svc");
        assertThat(throttle.refusal("203.0.113.1", "onboarding-svc"))
                .as("one more try, then the second oldest counts")
                .contains(Duration.ofMinutes(1));
    }

    @Test
    void aUserNameWrittenInAnotherCaseCountsAgainstTheSameBucket() {
        throttle.failed("203.0.113.1", "onboarding-svc");
        throttle.failed("203.0.113.1", "Onboarding-Svc");
        throttle.failed("203.0.113.1", "ONBOARDING-SVC");

        assertThat(throttle.refusal("203.0.113.1", "onboarding-svc")).isPresent();
    }

    @Test
    void failuresSpreadWiderThanTheWindowNeverAddUp() {
        for (int i = 0; i < 10; i++) {
            throttle.failed("203.0.113.1", "onboarding-svc");
            clock.move(Duration.ofMinutes(3));
        }
        assertThat(throttle.refusal("203.0.113.1", "onboarding-svc")).isEmpty();
    }

    @Test
    void theRightPasswordStartsTheAddressAfresh() {
        throttle.failed("203.0.113.1", "onboarding-svc");
        throttle.failed("203.0.113.1", "onboarding-svc");
        throttle.succeeded("203.0.113.1", "onboarding-svc");
        throttle.failed("203.0.113.1", "onboarding-svc");
        throttle.failed("203.0.113.1", "onboarding-svc");
        assertThat(throttle.refusal("203.0.113.1", "onboarding-svc")).isEmpty();
    }

    @Test
    void countsWrongCredentialsAndRefusals() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("203.0.113.1", "onboarding-svc");
        }
        throttle.refusal("203.0.113.1", "onboarding-svc");
        throttle.refusal("203.0.113.1", "onboarding-svc");

        assertThat(meters.get(LoginThrottle.FAILURES)
                        .tag("outcome", "wrong_credentials")
                        .counter()
                        .count())
                .isEqualTo(3);
        assertThat(meters.get(LoginThrottle.FAILURES)
                        .tag("outcome", "throttled")
                        .counter()
                        .count())
                .isEqualTo(2);
    }

    @Test
    void aUserNameStaysOnOneShortLogLine() {
        assertThat(LoginThrottle.printable("evil\nINFO forged line")).isEqualTo("evil?INFO forged line");
        assertThat(LoginThrottle.printable("x".repeat(100))).hasSize(67);
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-01-05T09:00:00Z");

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}

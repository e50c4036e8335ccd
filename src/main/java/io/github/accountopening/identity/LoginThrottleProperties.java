package io.github.accountopening.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code account-opening.security.login-throttle.*}: this many failed password logins for one user from
 * one client address within the window, and that address is refused for that user until the oldest
 * of them leaves the window.
 */
@ConfigurationProperties("account-opening.security.login-throttle")
record LoginThrottleProperties(
        @DefaultValue("5") int maxFailures,
        @DefaultValue("PT5M") Duration window) {

    LoginThrottleProperties {
        if (maxFailures < 1) {
            throw new IllegalArgumentException(
                    "account-opening.security.login-throttle.max-failures must be at least 1, not " + maxFailures);
        }
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException(
                    "account-opening.security.login-throttle.window must be positive, not " + window);
        }
    }
}

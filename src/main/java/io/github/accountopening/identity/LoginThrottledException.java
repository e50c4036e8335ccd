package io.github.accountopening.identity;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** Too many wrong passwords for this user from this address: refused unchecked for a while. */
class LoginThrottledException extends AuthenticationException {

    private final String detail;
    private final long retryAfterSeconds;

    LoginThrottledException(String user, Duration wait) {
        this(message(user, seconds(wait)), seconds(wait));
    }

    private LoginThrottledException(String detail, long retryAfterSeconds) {
        super(detail);
        this.detail = detail;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** What the client is told: whose logins and how long to wait. */
    String detail() {
        return detail;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    static String message(String user, long seconds) {
        return "too many failed logins for user '" + LoginThrottle.printable(user)
                + "' from this address: try again in " + seconds + " seconds";
    }

    /** Whole seconds for Retry-After, rounded up, so a client that waits that long is let in. */
    static long seconds(Duration wait) {
        return Math.max(1, wait.plusMillis(999).toSeconds());
    }
}

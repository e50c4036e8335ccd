package io.github.accountopening.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed password logins, counted per client address and user. Camunda's own lock counts per user only,
 * so anyone could lock a service account out; here a guesser only slows itself down, and the same
 * account keeps working from every other address. Kept in memory per node: behind the load balancer
 * (ip_hash) one client address always reaches the same node.
 */
public class LoginThrottle {

    static final String FAILURES = "account.opening.login.failures";

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    /** Enough for a wide spray of made-up user names without letting it fill the heap. */
    private static final int MAX_TRACKED = 100_000;

    /** A user name in any case is the same bucket: a guesser gains nothing by writing it otherwise. */
    private record Key(String address, String user) {
        Key {
            user = user == null ? "" : user.toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Cache<Key, List<Instant>> failures;
    private final Counter wrongCredentials;
    private final Counter throttled;
    private final Lock[] stripes =
            IntStream.range(0, 256).mapToObj(i -> new ReentrantLock()).toArray(Lock[]::new);

    LoginThrottle(LoginThrottleProperties properties, MeterRegistry meters, Clock clock) {
        this.maxFailures = properties.maxFailures();
        this.window = properties.window();
        this.clock = clock;
        this.failures = Caffeine.newBuilder()
                .expireAfterWrite(window)
                .maximumSize(MAX_TRACKED)
                .build();
        this.wrongCredentials = counter(meters, "wrong_credentials");
        this.throttled = counter(meters, "throttled");
    }

    private static Counter counter(MeterRegistry meters, String outcome) {
        return Counter.builder(FAILURES)
                .tag("outcome", outcome)
                .description(
                        "Password logins refused: wrong user or password, or refused unchecked after too many of those")
                .register(meters);
    }

    /**
     * The lock under which one password check of this address for this user runs, from {@link #refusal} to
     * {@link #failed} or {@link #succeeded}: parallel guesses then each see the failures before them, instead of all
     * passing the check at once. Striped, so a spray of made-up names costs no memory.
     */
    public Lock lockFor(String address, String user) {
        return stripes[Math.floorMod(new Key(address, user).hashCode(), stripes.length)];
    }

    /** How long this address must wait before it may try this user's password again, if it must. */
    public Optional<Duration> refusal(String address, String user) {
        List<Instant> recent = failures.getIfPresent(new Key(address, user));
        if (recent == null || recent.size() < maxFailures) {
            return Optional.empty();
        }
        Duration wait = Duration.between(clock.instant(), recent.get(0).plus(window));
        if (wait.isNegative() || wait.isZero()) {
            return Optional.empty();
        }
        throttled.increment();
        return Optional.of(wait);
    }

    public void failed(String address, String user) {
        wrongCredentials.increment();
        Instant now = clock.instant();
        // the last maxFailures failures within the window, oldest first; replaced whole, so readers need no lock
        List<Instant> recent = failures.asMap().compute(new Key(address, user), (key, known) -> {
            List<Instant> times = Stream.concat(
                            known == null
                                    ? Stream.empty()
                                    : known.stream()
                                            .filter(at -> at.plus(window).isAfter(now)),
                            Stream.of(now))
                    .toList();
            return times.subList(Math.max(0, times.size() - maxFailures), times.size());
        });
        log.warn(
                "Login refused for user '{}' from {}: unknown user or wrong password ({} of {} within {}{})",
                printable(user),
                address,
                recent.size(),
                maxFailures,
                window,
                recent.size() < maxFailures ? "" : "; that address now waits for that user");
    }

    /** The right password: this address starts afresh for this user. */
    public void succeeded(String address, String user) {
        failures.invalidate(new Key(address, user));
    }

    /** A user name is the caller's text: one line in the log, and a short one. */
    static String printable(String user) {
        String flat = user == null ? "" : user.replaceAll("\\p{Cntrl}", "?");
        return flat.length() > 64 ? flat.substring(0, 64) + "..." : flat;
    }
}

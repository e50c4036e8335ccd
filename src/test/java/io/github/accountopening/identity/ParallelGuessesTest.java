package io.github.accountopening.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

/** Guesses sent all at once from one address: only as many reach the password check as the limit allows. */
class ParallelGuessesTest {

    static final int GUESSES = 10;
    static final int LIMIT = 3;

    @Test
    void parallelWrongPasswordsFromOneAddressAreCheckedNoMoreOftenThanTheLimit() throws Exception {
        IdentityService identity = mock(IdentityService.class);
        CountDownLatch allInside = new CountDownLatch(GUESSES);
        // A check that waits (briefly) for every other guess to be inside it too: only parallel checks get there.
        when(identity.checkPassword(anyString(), anyString())).thenAnswer(call -> {
            allInside.countDown();
            allInside.await(100, TimeUnit.MILLISECONDS);
            return false;
        });
        LoginThrottle throttle = new LoginThrottle(
                new LoginThrottleProperties(LIMIT, Duration.ofMinutes(5)),
                new SimpleMeterRegistry(),
                Clock.systemUTC());
        CamundaUserAuthenticationProvider basic = new CamundaUserAuthenticationProvider(identity, throttle);

        ExecutorService attacker = Executors.newFixedThreadPool(GUESSES);
        try {
            List<Future<String>> answers = IntStream.range(0, GUESSES)
                    .mapToObj(i -> attacker.submit(() -> {
                        UsernamePasswordAuthenticationToken guess =
                                UsernamePasswordAuthenticationToken.unauthenticated("onboarding-svc", "guess-" + i);
                        try {
                            basic.authenticate(guess);
                            return "accepted";
                        } catch (LoginThrottledException e) {
                            return "throttled";
                        } catch (BadCredentialsException e) {
                            return "checked";
                        }
                    }))
                    .toList();
            List<String> outcomes =
                    answers.stream().map(ParallelGuessesTest::get).toList();

            assertThat(outcomes)
                    .filteredOn("checked"::equals)
                    .as("password checks")
                    .hasSize(LIMIT);
            assertThat(outcomes).filteredOn("throttled"::equals).hasSize(GUESSES - LIMIT);
        } finally {
            attacker.shutdownNow();
        }
    }

    private static String get(Future<String> answer) {
        try {
            return answer.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

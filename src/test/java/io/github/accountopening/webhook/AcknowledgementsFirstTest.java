package io.github.accountopening.webhook;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AcknowledgementsFirstTest {

    @Test
    void jobsRunAtOnceWhileFewerAcknowledgementsThanCoresAreInFlight() throws Exception {
        AcknowledgementsFirst gate = new AcknowledgementsFirst(2, Duration.ofMinutes(5));
        gate.started();
        long start = System.nanoTime();
        gate.awaitTurn();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aBatchWaitsWhileTheCoresAreBusyAcknowledgingAndRunsWhenOneFinishes() {
        AcknowledgementsFirst gate = new AcknowledgementsFirst(2, Duration.ofMinutes(5));
        gate.started();
        gate.started();
        AtomicLong ran = new AtomicLong();
        CompletableFuture<Void> batch = CompletableFuture.runAsync(gate.after(ran::incrementAndGet));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> ran.get() == 0);
        gate.finished();
        await().atMost(Duration.ofSeconds(5)).until(batch::isDone);
        assertThat(ran).hasValue(1);
        assertThat(gate.inFlight()).isEqualTo(1);
    }

    @Test
    void noBatchWaitsLongerThanTheMaximumDelayHoweverLongABurstLasts() {
        AcknowledgementsFirst gate = new AcknowledgementsFirst(1, Duration.ofMillis(200));
        gate.started();
        AtomicLong ran = new AtomicLong();
        long start = System.nanoTime();
        CompletableFuture<Void> batch = CompletableFuture.runAsync(gate.after(ran::incrementAndGet));
        await().atMost(Duration.ofSeconds(5)).until(batch::isDone);
        assertThat(ran).hasValue(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(200), Duration.ofSeconds(5));
    }

    @Test
    void aMaximumDelayOfZeroNeverHoldsAJobBack() throws Exception {
        AcknowledgementsFirst gate = new AcknowledgementsFirst(1, Duration.ZERO);
        gate.started();
        gate.started();
        long start = System.nanoTime();
        gate.awaitTurn();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}

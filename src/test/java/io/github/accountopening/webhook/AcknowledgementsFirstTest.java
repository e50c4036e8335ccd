package io.github.accountopening.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AcknowledgementsFirstTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger ran = new AtomicInteger();

    /** A batch that runs until the test releases it. */
    private Runnable batch() {
        return () -> {
            ran.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    @Test
    void aNodeWithoutWebhooksRunsEveryBatchAtOnce() {
        AcknowledgementsFirst gate = new AcknowledgementsFirst(2, Duration.ofMinutes(5));
        for (int i = 0; i < 4; i++) {
            CompletableFuture.runAsync(gate.after(batch()));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> ran.get() == 4);
        release.countDown();
    }

    @Test
    void whileWebhooksArriveBatchesRunOnlyOnTheCoresLeftOverAndAlwaysOne() {
        AcknowledgementsFirst gate = new AcknowledgementsFirst(3, Duration.ofMinutes(5));
        gate.started();
        for (int i = 0; i < 4; i++) {
            CompletableFuture.runAsync(gate.after(batch()));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> ran.get() == 2);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> ran.get() == 2);
        gate.started();
        gate.started();
        gate.finished();
        gate.finished();
        gate.finished();
        // nothing in flight, but a webhook came less than a second ago: one batch per core
        await().atMost(Duration.ofSeconds(5)).until(() -> ran.get() == 3);
        // a quiet second later, the whole pool
        await().atMost(Duration.ofSeconds(5)).until(() -> ran.get() == 4);
        assertThat(gate.inFlight()).isZero();
        release.countDown();
    }

    @Test
    void whileTheCoresAreBusyAcknowledgingOneBatchRunsAndTheNextWhenACoreIsFree() {
        AcknowledgementsFirst gate = new AcknowledgementsFirst(2, Duration.ofMinutes(5));
        gate.started();
        gate.started();
        CompletableFuture.runAsync(gate.after(batch()));
        CompletableFuture<Void> second = CompletableFuture.runAsync(gate.after(batch()));
        await().atMost(Duration.ofSeconds(5)).until(() -> ran.get() == 1);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> ran.get() == 1);
        gate.finished();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> ran.get() == 1);
        gate.finished();
        await().atMost(Duration.ofSeconds(5)).until(() -> ran.get() == 2);
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(second::isDone);
    }

    @Test
    void whileTheCoresAreBusyTheNextBatchRunsWhenTheOneRunningEnds() {
        AcknowledgementsFirst gate = new AcknowledgementsFirst(1, Duration.ofMinutes(5));
        gate.started();
        CompletableFuture<Void> first = CompletableFuture.runAsync(gate.after(batch()));
        AtomicInteger next = new AtomicInteger();
        CompletableFuture<Void> second = CompletableFuture.runAsync(gate.after(next::incrementAndGet));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> next.get() == 0);
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> first.isDone() && second.isDone());
        assertThat(next).hasValue(1);
    }

    @Test
    void noBatchWaitsLongerThanTheMaximumDelayHoweverLongABurstLasts() {
        AcknowledgementsFirst gate = new AcknowledgementsFirst(1, Duration.ofMillis(200));
        gate.started();
        CompletableFuture.runAsync(gate.after(batch()));
        await().atMost(Duration.ofSeconds(5)).until(() -> ran.get() == 1);
        long start = System.nanoTime();
        CompletableFuture<Void> second = CompletableFuture.runAsync(gate.after(() -> {}));
        await().atMost(Duration.ofSeconds(5)).until(second::isDone);
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isBetween(Duration.ofMillis(200), Duration.ofSeconds(5));
        release.countDown();
    }

    @Test
    void aMaximumDelayOfZeroNeverHoldsABatchBack() {
        AcknowledgementsFirst gate = new AcknowledgementsFirst(1, Duration.ZERO);
        gate.started();
        CompletableFuture.runAsync(gate.after(batch()));
        CompletableFuture.runAsync(gate.after(batch()));
        await().atMost(Duration.ofSeconds(5)).until(() -> ran.get() == 2);
        release.countDown();
    }
}

package io.github.accountopening.webhook;

import io.github.accountopening.config.AccountOpeningProperties;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Acknowledgements first. A webhook's sender waits for our answer and sends again when it does not
 * come in time; the jobs that acknowledgements leave behind (waking the process, the card) can wait a
 * moment. While webhooks arrive, the job executor runs only as many batches of jobs side by side as
 * the node has cores left over from the acknowledgements in flight, and always one; once no webhook
 * has come for a second, every thread of its pool works again (polls that wait on the provider need
 * them). A batch waits at most {@code account-opening.acknowledgements-first.max-delay}, and one
 * always runs, so no job starves however long a burst lasts.
 */
@Component
public class AcknowledgementsFirst {

    /** How long after the last webhook the node counts as quiet again. */
    private static final long QUIET_NANOS = Duration.ofSeconds(1).toNanos();
    /** A waiting batch looks again this often, as the quiet second may end without any signal. */
    private static final long RECHECK_NANOS = Duration.ofMillis(100).toNanos();

    private final int cores;
    private final long maxDelayNanos;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile long lastStarted = System.nanoTime() - QUIET_NANOS;
    private final AtomicInteger waiting = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition turn = lock.newCondition();
    private int batchesRunning;

    @Autowired
    AcknowledgementsFirst(AccountOpeningProperties properties) {
        this(
                Runtime.getRuntime().availableProcessors(),
                properties.acknowledgementsFirst().maxDelay());
    }

    AcknowledgementsFirst(int cores, Duration maxDelay) {
        this.cores = cores;
        this.maxDelayNanos = maxDelay.toNanos();
    }

    /** An acknowledgement begins; {@link #finished()} must follow. */
    void started() {
        inFlight.incrementAndGet();
        lastStarted = System.nanoTime();
    }

    void finished() {
        // Only when it frees a core beyond the one batch that always runs does a waiting batch get its turn.
        if (inFlight.decrementAndGet() < cores - 1 && waiting.get() > 0) {
            signal();
        }
    }

    /** A batch of jobs handed to the job executor's threads, run once acknowledgements have had their turn. */
    public Runnable after(Runnable jobs) {
        return () -> {
            try {
                awaitTurn();
            } catch (InterruptedException e) {
                Thread.currentThread()
                        .interrupt(); // the node stops: the batch runs, or its jobs go back when their lock expires
            }
            try {
                jobs.run();
            } finally {
                lock.lock();
                try {
                    batchesRunning--;
                    turn.signal(); // one slot, one waiting batch
                } finally {
                    lock.unlock();
                }
            }
        };
    }

    private void awaitTurn() throws InterruptedException {
        lock.lock();
        try {
            waiting.incrementAndGet();
            try {
                long left = maxDelayNanos;
                while (batchesRunning >= batchesAllowed() && left > 0) {
                    long slice = Math.min(left, RECHECK_NANOS);
                    left -= slice - Math.max(0, turn.awaitNanos(slice)); // the time it really waited
                }
            } finally {
                waiting.decrementAndGet();
            }
        } finally {
            batchesRunning++;
            lock.unlock();
        }
    }

    /** Batches that may run side by side now: as many as the pool has once quiet, else the cores left over, at least one. */
    private int batchesAllowed() {
        int acknowledging = inFlight.get();
        if (acknowledging == 0 && System.nanoTime() - lastStarted > QUIET_NANOS) {
            return Integer.MAX_VALUE;
        }
        return Math.max(1, cores - acknowledging);
    }

    private void signal() {
        lock.lock();
        try {
            turn.signal();
        } finally {
            lock.unlock();
        }
    }

    int inFlight() {
        return inFlight.get();
    }
}

package io.github.accountopening.webhook;

import io.github.accountopening.config.AccountOpeningProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Acknowledgements first. A webhook's sender waits for our answer and sends again when it does not
 * come in time; the jobs that acknowledgements leave behind (waking the process, the card) can wait a
 * moment. While at least as many acknowledgements are in flight on this node as it has cores, the job
 * executor runs one batch of jobs at a time, so a burst of webhooks has the cores and the work after
 * it follows; once the burst is over, every thread of the pool works again. A batch waits at most
 * {@code account-opening.acknowledgements-first.max-delay}, and one always runs, so no job starves
 * however long a burst lasts; a node without webhooks never holds a job back.
 */
@Component
public class AcknowledgementsFirst {

    /** Batches of jobs that run side by side while the cores are busy acknowledging. */
    private static final int BATCHES_WHILE_BUSY = 1;

    private final int limit;
    private final long maxDelayNanos;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition turn = lock.newCondition();
    private int batchesRunning;

    @Autowired
    AcknowledgementsFirst(AccountOpeningProperties properties) {
        this(Runtime.getRuntime().availableProcessors(), properties.acknowledgementsFirst().maxDelay());
    }

    AcknowledgementsFirst(int limit, Duration maxDelay) {
        this.limit = limit;
        this.maxDelayNanos = maxDelay.toNanos();
    }

    /** An acknowledgement begins; {@link #finished()} must follow. */
    void started() {
        inFlight.incrementAndGet();
    }

    void finished() {
        if (inFlight.decrementAndGet() == limit - 1) {
            signal();
        }
    }

    /** A batch of jobs handed to the job executor's threads, run once acknowledgements have had their turn. */
    public Runnable after(Runnable jobs) {
        return () -> {
            try {
                awaitTurn();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the node stops: the batch runs, or its jobs go back when their lock expires
            }
            try {
                jobs.run();
            } finally {
                lock.lock();
                try {
                    batchesRunning--;
                    turn.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        };
    }

    private void awaitTurn() throws InterruptedException {
        lock.lock();
        try {
            long left = maxDelayNanos;
            while (inFlight.get() >= limit && batchesRunning >= BATCHES_WHILE_BUSY && left > 0) {
                left = turn.awaitNanos(left);
            }
        } finally {
            batchesRunning++;
            lock.unlock();
        }
    }

    private void signal() {
        lock.lock();
        try {
            turn.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int inFlight() {
        return inFlight.get();
    }
}

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
 * executor holds each batch of jobs back, by at most {@code account-opening.acknowledgements-first.max-delay},
 * so a burst of webhooks has the cores and the work after it follows. No batch waits longer than that,
 * so no job starves however long a burst lasts; a node without webhooks never holds a job back.
 */
@Component
public class AcknowledgementsFirst {

    private final int limit;
    private final long maxDelayNanos;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition belowLimit = lock.newCondition();

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
            lock.lock();
            try {
                belowLimit.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Waits, by at most the maximum delay, until fewer acknowledgements than the limit are in flight. */
    public void awaitTurn() throws InterruptedException {
        if (inFlight.get() < limit || maxDelayNanos <= 0) {
            return;
        }
        lock.lock();
        try {
            long left = maxDelayNanos;
            while (inFlight.get() >= limit && left > 0) {
                left = belowLimit.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** A job batch handed to the job executor's threads, run once acknowledgements have had their turn. */
    public Runnable after(Runnable jobs) {
        return () -> {
            try {
                awaitTurn();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the node stops: the batch runs, or its jobs go back on their lock's expiry
            }
            jobs.run();
        };
    }

    int inFlight() {
        return inFlight.get();
    }
}

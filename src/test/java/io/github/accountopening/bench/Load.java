package io.github.accountopening.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** The load generator: the same for every endpoint measured, so their figures compare. */
final class Load {

    /** {@code latencies[i]}: microseconds of request i, so that one run can be split by kind of request. */
    record Result(
            long requests, Duration elapsed, Histogram latencyMicros, Map<Integer, Long> statuses, long[] latencies) {
        double perSecond() {
            return requests / (elapsed.toNanos() / 1e9);
        }

        double p50Millis() {
            return latencyMicros.getValueAtPercentile(50) / 1000.0;
        }

        double p99Millis() {
            return latencyMicros.getValueAtPercentile(99) / 1000.0;
        }

        double meanMillis() {
            return latencyMicros.getMean() / 1000.0;
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .executor(Executors.newFixedThreadPool(32))
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Load() {}

    /** Peak rate: {@code workers} clients each sending the next request as soon as the last is answered. */
    static Result closedLoop(int workers, int requests, IntFunction<HttpRequest> request) throws InterruptedException {
        Histogram latencies = new ConcurrentHistogram(3);
        long[] each = new long[requests];
        Map<Integer, Long> statuses = new ConcurrentHashMap<>();
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        CountDownLatch done = new CountDownLatch(workers);
        long start = System.nanoTime();
        for (int w = 0; w < workers; w++) {
            pool.execute(() -> {
                try {
                    for (long i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        long sent = System.nanoTime();
                        int status = send(request.apply((int) i));
                        each[(int) i] = Math.max(1, (System.nanoTime() - sent) / 1000);
                        latencies.recordValue(each[(int) i]);
                        statuses.merge(status, 1L, Long::sum);
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        pool.shutdown();
        return new Result(requests, elapsed, latencies, statuses, each);
    }

    /**
     * A fixed arrival rate, whatever the answers do: each request is due at its own time, and its
     * latency is counted from then, so a slow answer cannot hide the requests queued behind it
     * (no coordinated omission).
     */
    static Result fixedRate(double perSecond, int requests, IntFunction<HttpRequest> request)
            throws InterruptedException {
        Histogram latencies = new ConcurrentHistogram(3);
        long[] each = new long[requests];
        Map<Integer, Long> statuses = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(requests);
        var scheduler = Executors.newScheduledThreadPool(2);
        long start = System.nanoTime();
        long intervalNanos = (long) (1e9 / perSecond);
        for (int i = 0; i < requests; i++) {
            int index = i;
            long due = start + i * intervalNanos;
            scheduler.schedule(
                    () -> HTTP.sendAsync(request.apply(index), HttpResponse.BodyHandlers.discarding())
                            .whenComplete((response, error) -> {
                                each[index] = Math.max(1, (System.nanoTime() - due) / 1000);
                                latencies.recordValue(each[index]);
                                statuses.merge(error == null ? response.statusCode() : 0, 1L, Long::sum);
                                done.countDown();
                            }),
                    due - System.nanoTime(),
                    TimeUnit.NANOSECONDS);
        }
        done.await();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        scheduler.shutdown();
        return new Result(requests, elapsed, latencies, statuses, each);
    }

    private static int send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return 0;
        }
    }
}

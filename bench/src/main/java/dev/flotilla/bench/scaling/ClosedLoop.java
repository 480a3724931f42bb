package dev.flotilla.bench.scaling;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A closed-loop load: {@code threads} threads, each with one call in flight, calling as fast as answers come back.
 * Latency of each successful call goes to the thread's own recorder (no contention between threads); successes and
 * failures are also counted per second since the start, for timelines. A failed call is counted and the thread
 * goes on: a bench must keep its load through a slow or joining node.
 *
 * <p>Threads are daemons, so an interrupted bench (Ctrl-C) never waits for them.
 */
final class ClosedLoop implements AutoCloseable {
    /** One operation; {@code random} is the calling thread's own. */
    @FunctionalInterface
    interface Call {
        void run(SplittableRandom random) throws Exception;
    }

    /** What one measurement window saw. */
    record Window(long ok, long failed, double seconds, Histogram latencyNanos, CpuMeter.Usage cpu) {
        double opsPerSecond() {
            return seconds <= 0 ? 0 : ok / seconds;
        }
    }

    private static final int TIMELINE_SECONDS = 1800;

    private final List<Thread> workers = new ArrayList<>();
    private final List<SingleWriterRecorder> recorders = new ArrayList<>();
    private final LongAdder failures = new LongAdder();
    private final AtomicLongArray okPerSecond = new AtomicLongArray(TIMELINE_SECONDS);
    private final AtomicLongArray failedPerSecond = new AtomicLongArray(TIMELINE_SECONDS);
    private final long origin = System.nanoTime();
    private volatile boolean running = true;
    private volatile String lastFailure = "";

    private ClosedLoop(String name, int threads, Call call) {
        for (int t = 0; t < threads; t++) {
            SingleWriterRecorder recorder = new SingleWriterRecorder(2);
            recorders.add(recorder);
            SplittableRandom random = new SplittableRandom(31L * t + System.nanoTime());
            Thread worker = new Thread(() -> loop(call, recorder, random), name + "-" + t);
            worker.setDaemon(true);
            workers.add(worker);
        }
        workers.forEach(Thread::start);
    }

    static ClosedLoop start(String name, int threads, Call call) {
        return new ClosedLoop(name, threads, call);
    }

    private void loop(Call call, SingleWriterRecorder recorder, SplittableRandom random) {
        while (running) {
            long start = System.nanoTime();
            try {
                call.run(random);
                long end = System.nanoTime();
                recorder.recordValue(Math.max(1, end - start));
                count(okPerSecond, end);
            } catch (Exception e) {
                failures.increment();
                lastFailure = e.getClass().getSimpleName() + ": " + e.getMessage();
                count(failedPerSecond, System.nanoTime());
            }
        }
    }

    private void count(AtomicLongArray timeline, long now) {
        int second = (int) ((now - origin) / 1_000_000_000L);
        if (second < TIMELINE_SECONDS) {
            timeline.incrementAndGet(second);
        }
    }

    /** Lets the load run for {@code warmup}, then measures it for {@code window} (latency, counts, CPU). */
    Window measure(Duration warmup, Duration window, CpuMeter cpu) throws InterruptedException {
        Thread.sleep(warmup.toMillis()); // timed windows are the point of a bench
        recorders.forEach(SingleWriterRecorder::reset);
        long failedBefore = failures.sum();
        CpuMeter.Snapshot cpuBefore = cpu.snapshot();
        long begin = System.nanoTime();
        Thread.sleep(window.toMillis());
        long end = System.nanoTime();
        CpuMeter.Snapshot cpuAfter = cpu.snapshot();
        Histogram all = new Histogram(2);
        for (SingleWriterRecorder recorder : recorders) {
            all.add(recorder.getIntervalHistogram());
        }
        return new Window(all.getTotalCount(), failures.sum() - failedBefore, (end - begin) / 1e9, all,
                cpu.usage(cpuBefore, cpuAfter));
    }

    /** Seconds since the load started, now. */
    double elapsedSeconds() {
        return (System.nanoTime() - origin) / 1e9;
    }

    /** Successful calls in each whole second since the start, up to {@code seconds}. */
    long[] okTimeline(int seconds) {
        return timeline(okPerSecond, seconds);
    }

    /** Failed calls in each whole second since the start, up to {@code seconds}. */
    long[] failedTimeline(int seconds) {
        return timeline(failedPerSecond, seconds);
    }

    private static long[] timeline(AtomicLongArray counts, int seconds) {
        long[] out = new long[Math.min(seconds, TIMELINE_SECONDS)];
        for (int i = 0; i < out.length; i++) {
            out[i] = counts.get(i);
        }
        return out;
    }

    /** The last failure's class and message, or "" when none failed. */
    String lastFailure() {
        return lastFailure;
    }

    /** Stops the threads and waits for their calls in flight (at most a request timeout). */
    @Override
    public void close() {
        running = false;
        boolean interrupted = false;
        for (Thread worker : workers) {
            try {
                worker.join(15_000);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.flotilla.lab.run;

import dev.flotilla.lab.check.Anomaly;
import dev.flotilla.lab.check.CheckResult;
import dev.flotilla.lab.check.Verdict;
import dev.flotilla.lab.history.EventType;
import dev.flotilla.lab.history.History;
import dev.flotilla.lab.history.HistoryFile;
import dev.flotilla.lab.history.HistoryRecorder;
import dev.flotilla.lab.history.NemesisEvent;
import dev.flotilla.lab.history.Operation;
import dev.flotilla.lab.nemesis.ClusterControl;
import dev.flotilla.lab.nemesis.Fault;
import dev.flotilla.lab.nemesis.FaultLog;
import dev.flotilla.lab.nemesis.Nemesis;
import dev.flotilla.lab.nemesis.NemesisSettings;
import dev.flotilla.lab.nemesis.Schedule;
import dev.flotilla.lab.report.Counts;
import dev.flotilla.lab.report.FaultCoverage;
import dev.flotilla.lab.report.Latency;
import dev.flotilla.lab.report.LossTiming;
import dev.flotilla.lab.report.Reports;
import dev.flotilla.lab.report.RunMetrics;
import dev.flotilla.lab.report.RunResult;
import dev.flotilla.lab.report.SizeSample;
import dev.flotilla.lab.workload.ClientProcess;
import dev.flotilla.lab.workload.Generator;
import dev.flotilla.lab.workload.Request;
import dev.flotilla.lab.workload.Workload;
import dev.flotilla.lab.workload.WorkloadClient;
import dev.flotilla.lab.workload.WorkloadSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one experiment end to end: form the cluster (in-process members, or node processes with the product's
 * client over them) -> clients and nemesis together for the duration -> heal -> poll until safe -> final reads ->
 * check -> write {@code history.jsonl} (fault windows included), {@code result.json}, {@code report.md} and
 * {@code report.html}. Whatever happens, every member and node process it started is stopped before it returns.
 *
 * <p>Nothing waits forever. Operations stuck past the run stay in the history as invokes without completion (the
 * checker counts them as info); final reads that get no answer in time are recorded as info; a cluster that is not
 * safe within the spec's {@code safe-timeout-seconds} turns a VALID verdict into UNKNOWN, with a note saying why.
 * So does a fault that never fired while the clients ran, or a fault window after which no operation was
 * acknowledged under load ({@link FaultCoverage}): such a run says nothing about that fault.
 */
public final class ExperimentRunner {
    /** How long workers get to finish their last operation once the duration is over. */
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(15);
    /** How long an interrupted nemesis gets to leave its step before healing goes ahead regardless. */
    private static final Duration NEMESIS_INTERRUPT_LIMIT = Duration.ofSeconds(15);
    /** How long one final read may take before it is recorded as info. */
    private static final Duration FINAL_READ_LIMIT = Duration.ofSeconds(15);
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(100);
    private static final int PROGRESS_EVERY_SAMPLES = 5;
    private static final int SLICES = 60;

    private ExperimentRunner() {
    }

    /**
     * Runs the experiment and writes its files into {@code outputDir} (created if missing); returns the result.
     * A failure to set up (the cluster cannot form, the workload cannot open its data) is reported as an UNKNOWN
     * result with a note, not thrown, so a matrix goes on.
     *
     * @throws IOException when the output files cannot be written
     */
    public static RunResult run(ExperimentSpec spec, Path outputDir, ProgressListener listener) throws IOException {
        return new Run(spec, outputDir, listener == null ? ProgressListener.NONE : listener).execute();
    }

    /** The state of one run; used by one thread, plus the worker, nemesis and sampler threads it starts. */
    private static final class Run {
        private final ExperimentSpec spec;
        private final Path outputDir;
        private final ProgressListener listener;
        private final long startedAt = System.nanoTime();
        private final AtomicLong operations = new AtomicLong();
        private final AtomicInteger processIds = new AtomicInteger();
        private final FaultLog faults = new FaultLog();
        private final List<SizeSample> sizes = new CopyOnWriteArrayList<>();
        private final List<String> notes = new CopyOnWriteArrayList<>();
        private volatile Phase phase = Phase.FORMING;
        private volatile ClusterControl<?> control;
        private volatile HistoryRecorder recorder;
        private volatile long runNanos;
        /** When the clients stopped, on the run's clock; -1 until they did. */
        private volatile long loadStopNanos = -1;
        private volatile int lastSize;
        /** History index where the final reads begin; operations before it ran under the clients. */
        private volatile long finalReadsFrom = Long.MAX_VALUE;
        private int unansweredFinalReads;

        Run(ExperimentSpec spec, Path outputDir, ProgressListener listener) {
            this.spec = spec;
            this.outputDir = outputDir;
            this.listener = listener;
        }

        RunResult execute() throws IOException {
            Files.createDirectories(outputDir);
            Workload workload = spec.workload();
            // Namespaces are at most 48 characters of [A-Za-z0-9_.-].
            WorkloadSettings settings = WorkloadSettings.of(spec.keys(), "lab-" + UUID.randomUUID().toString().substring(0, 8));
            RunCluster<?> formed = null;
            boolean safe = false;
            try {
                enter(Phase.FORMING);
                formed = RunCluster.form(spec, outputDir);
                control = formed.control();
                lastSize = control.size();
                safe = drive(formed, workload, settings);
            } catch (RuntimeException e) {
                notes.add("the run stopped early: " + describe(e));
            } finally {
                if (formed != null) {
                    formed.close();
                }
            }
            return finish(workload, settings, recorder, runNanos, safe);
        }

        /** Runs clients and nemesis on a formed cluster, heals, settles and makes the final reads; true when it was safe. */
        private <M> boolean drive(RunCluster<M> formed, Workload workload, WorkloadSettings settings) {
            ClusterControl<M> cluster = formed.control();
            Nemesis nemesis = spec.nemesis();
            NemesisSettings nemesisSettings = spec.nemesisSettings(spec.seed());
            WorkloadClient client = workload.client(settings, formed.target());
            client.setUp();
            warmUp(workload.finalReads(settings), client);

            recorder = HistoryRecorder.start();
            cluster.startClock(System.nanoTime());
            sizes.add(new SizeSample(0, cluster.size()));
            enter(Phase.RUNNING);
            runNanos = runClientsAndNemesis(workload, settings, client, nemesis, nemesisSettings, cluster);

            enter(Phase.HEALING);
            nemesis.heal(cluster, spec.members(), nemesisSettings, faults);
            sample();
            enter(Phase.SETTLING);
            boolean safe = cluster.awaitSafe(spec.safeTimeout());
            if (!safe) {
                notes.add("the cluster was not safe within " + spec.safeTimeout().toSeconds()
                        + " s after healing: a VALID verdict is reported as UNKNOWN");
            }
            enter(Phase.FINAL_READS);
            finalReadsFrom = recorder.events().size();
            finalReads(workload.finalReads(settings), client, recorder);
            return safe;
        }

        private <M> long runClientsAndNemesis(Workload workload, WorkloadSettings settings, WorkloadClient client,
                                              Nemesis nemesis, NemesisSettings nemesisSettings,
                                              ClusterControl<M> cluster) {
            Schedule schedule = new Schedule();
            CountDownLatch workersDone = new CountDownLatch(spec.clients());
            List<Thread> threads = new ArrayList<>();
            long periodNanos = spec.rate() > 0 ? (long) (spec.clients() * 1e9 / spec.rate()) : 0;
            for (int i = 0; i < spec.clients(); i++) {
                Generator generator = workload.generator(settings, spec.seed(), i);
                ClientProcess process = new ClientProcess(recorder, client, processIds::getAndIncrement);
                threads.add(daemon("lab-client-" + i, () -> {
                    try {
                        long next = System.nanoTime();
                        while (!schedule.stopped()) {
                            if (periodNanos > 0) {
                                // Rate limiting: pace this worker's share of the requested rate.
                                next += periodNanos;
                                long wait = next - System.nanoTime();
                                if (wait > 0) {
                                    LockSupport.parkNanos(wait);
                                }
                                if (schedule.stopped()) {
                                    break;
                                }
                            }
                            process.run(generator.next());
                            operations.incrementAndGet();
                        }
                    } finally {
                        workersDone.countDown();
                    }
                }));
            }
            AtomicBoolean nemesisInterrupted = new AtomicBoolean();
            Thread nemesisThread = daemon("lab-nemesis", () -> {
                try {
                    nemesis.run(cluster, nemesisSettings, schedule, faults);
                } catch (RuntimeException e) {
                    notes.add((nemesisInterrupted.get() ? "the nemesis was interrupted after the run: "
                            : "the nemesis stopped early: ") + describe(e));
                }
            });
            threads.add(nemesisThread);
            ScheduledExecutorService sampler =
                    Executors.newSingleThreadScheduledExecutor(r -> daemonThread("lab-sampler", r));
            AtomicInteger ticks = new AtomicInteger();
            sampler.scheduleAtFixedRate(() -> {
                sample();
                if (ticks.incrementAndGet() % PROGRESS_EVERY_SAMPLES == 0) {
                    report();
                }
            }, SAMPLE_EVERY.toMillis(), SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            threads.forEach(Thread::start);
            // The experiment's time limit: the clients run this long whatever happens.
            schedule.pause(spec.duration());
            schedule.stop();
            loadStopNanos = cluster.nanos();
            long runNanos = System.nanoTime() - start;
            try {
                if (!workersDone.await(DRAIN_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    notes.add((workersDone.getCount()) + " client(s) were still blocked in an operation "
                            + DRAIN_LIMIT.toSeconds() + " s after the run; their operations count as info");
                }
                // A nemesis step finishes (it waits for safety at most settle-seconds) before healing starts.
                nemesisThread.join(spec.settleLimit().plus(DRAIN_LIMIT).toMillis());
                if (nemesisThread.isAlive()) {
                    // Still inside a step (a join or a crash that is slow to settle): cut it short, so the heal
                    // does not change the membership while the nemesis does.
                    nemesisInterrupted.set(true);
                    nemesisThread.interrupt();
                    nemesisThread.join(NEMESIS_INTERRUPT_LIMIT.toMillis());
                    notes.add(nemesisThread.isAlive()
                            ? "the nemesis was still busy after the run and did not stop when interrupted; healing"
                                    + " went ahead (it waits for the nemesis' membership change in progress)"
                            : "the nemesis was still busy after the run; it was interrupted before healing");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                sampler.shutdownNow();
            }
            sample();
            return runNanos;
        }

        /**
         * Runs the final-read requests once, unrecorded, before the clock starts: structures are created lazily
         * (a CP group is formed on first use, which takes seconds), and that belongs to the setup, not to the
         * measured run.
         */
        private void warmUp(List<Request> reads, WorkloadClient client) {
            ExecutorService executor = Executors.newSingleThreadExecutor(r -> daemonThread("lab-warm-up", r));
            try {
                for (Request read : reads) {
                    executor.submit(() -> client.apply(read)).get(FINAL_READ_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                notes.add("the warm-up read failed (" + describe(e.getCause() == null ? e : e.getCause())
                        + "); the run went ahead");
            } finally {
                executor.shutdownNow();
            }
        }

        private void finalReads(List<Request> reads, WorkloadClient client, HistoryRecorder recorder) {
            ExecutorService executor = Executors.newSingleThreadExecutor(r -> daemonThread("lab-final-read", r));
            try {
                for (Request read : reads) {
                    ClientProcess process = new ClientProcess(recorder, client, processIds::getAndIncrement);
                    Future<EventType> done = executor.submit(() -> process.run(read));
                    try {
                        EventType type = done.get(FINAL_READ_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                        if (type != EventType.OK) {
                            unansweredFinalReads++;
                            notes.add("final " + read.f() + (read.key() == null ? "" : " of " + read.key())
                                    + " completed " + type.jsonName() + ", not ok");
                        }
                    } catch (TimeoutException e) {
                        unansweredFinalReads++;
                        process.abandon();
                        notes.add("final " + read.f() + (read.key() == null ? "" : " of " + read.key())
                                + " got no answer within " + FINAL_READ_LIMIT.toSeconds() + " s (recorded as info)");
                        // The stuck call keeps the thread: use a fresh one for the next read.
                        executor.shutdownNow();
                        executor = Executors.newSingleThreadExecutor(r -> daemonThread("lab-final-read", r));
                    } catch (ExecutionException e) {
                        unansweredFinalReads++;
                        notes.add("final " + read.f() + " failed: " + describe(e.getCause()));
                    }
                    operations.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                executor.shutdownNow();
            }
        }

        private RunResult finish(Workload workload, WorkloadSettings settings, HistoryRecorder recorder,
                                 long runNanos, boolean safe) throws IOException {
            enter(Phase.CHECKING);
            History history = recorder == null ? History.of(List.of()) : recorder.history();
            CheckResult check;
            String summary;
            try {
                check = workload.checker(settings).check(history);
                summary = workload.summarize(settings, history, check);
            } catch (RuntimeException e) {
                check = new CheckResult(Verdict.UNKNOWN, List.of(new Anomaly("checker-failed", describe(e))), "",
                        history.operations().size(), 0);
                summary = "the checker failed: " + describe(e);
            }
            Verdict verdict = check.verdict();
            if (verdict == Verdict.VALID && (!safe || recorder == null)) {
                verdict = Verdict.UNKNOWN;
            }
            if (verdict == Verdict.VALID && unansweredFinalReads > 0) {
                notes.add(unansweredFinalReads + " final read(s) got no ok answer, so the final state was not"
                        + " checked: the verdict is UNKNOWN");
                verdict = Verdict.UNKNOWN;
            }
            long acknowledged = history.operations().stream()
                    .filter(op -> op.isOk() && op.invokeIndex() < finalReadsFrom).count();
            List<Fault> windows = faults.faults();
            FaultCoverage coverage = coverage(history);
            verdict = judgeCoverage(coverage, verdict);
            LossTiming losses = workload.namesLostOperations()
                    ? LossTiming.of(lostAcknowledged(workload, settings, history), history, windows)
                    : LossTiming.NOT_NAMED;
            if (losses.lost() > 0) {
                summary = summary + " (" + losses.describe() + ")";
            }
            if (verdict == Verdict.VALID && acknowledged == 0) {
                // Nothing was acknowledged while the clients ran: a VALID here would be vacuous.
                notes.add("no operation was acknowledged while the clients ran: the verdict is UNKNOWN");
                verdict = Verdict.UNKNOWN;
            }
            enter(Phase.REPORTING);
            HistoryFile.write(outputDir.resolve("history.jsonl"), history.events(), nemesisLines(windows));
            long slice = Math.max(Duration.ofMillis(100).toNanos(), roundToMillis(Math.max(runNanos, 1) / SLICES));
            RunMetrics metrics = RunMetrics.of(history, runNanos, slice);
            RunResult result = new RunResult(spec.name(), spec.toMap(), spec.workload().name(), spec.mode().id(),
                    spec.nemesis().name(),
                    spec.seed(), verdict, check.anomalies(), check.counterexample(), summary, losses, metrics.counts(),
                    metrics.throughput(), metrics.latency(), runNanos, metrics.timeline(), faults.faults(),
                    sizes, notes, coverage);
            Reports.writeRun(result, outputDir);
            enter(Phase.DONE);
            return result;
        }

        /** What the faults covered, from the fault log and the operations the clients ran (final reads excluded). */
        private FaultCoverage coverage(History history) {
            List<Operation> underLoad = history.operations().stream()
                    .filter(op -> op.invokeIndex() < finalReadsFrom).toList();
            long stop = loadStopNanos >= 0 ? loadStopNanos : runNanos;
            return FaultCoverage.of(spec.nemesis().name(), spec.nemesis().faultKinds(), faults.faults(),
                    history.events(), underLoad, stop, spec.nemesisInterval().toNanos());
        }

        /**
         * A run that does not cover its fault (it never fired under load, or nothing was acknowledged after a
         * window) is not a pass: VALID becomes UNKNOWN. INVALID stays (a loss is a loss); the note says it anyway.
         */
        private Verdict judgeCoverage(FaultCoverage coverage, Verdict verdict) {
            for (String problem : coverage.problems()) {
                notes.add(problem + (verdict == Verdict.VALID ? ": the verdict is UNKNOWN"
                        : verdict == Verdict.INVALID ? " (the violation stands)" : ""));
            }
            notes.addAll(coverage.effectsAfterLoad());
            return verdict == Verdict.VALID && !coverage.covered() ? Verdict.UNKNOWN : verdict;
        }

        private List<Operation> lostAcknowledged(Workload workload, WorkloadSettings settings, History history) {
            try {
                return workload.lostAcknowledged(settings, history);
            } catch (RuntimeException e) {
                notes.add("the lost operations could not be listed: " + describe(e));
                return List.of();
            }
        }

        private void sample() {
            ClusterControl<?> c = control;
            if (c == null) {
                return;
            }
            int size = c.size();
            lastSize = size;
            if (sizes.isEmpty() || sizes.get(sizes.size() - 1).members() != size) {
                sizes.add(new SizeSample(c.nanos(), size));
            }
        }

        private void enter(Phase next) {
            phase = next;
            report();
        }

        private void report() {
            try {
                listener.onProgress(new Progress(spec.name(), phase, operations.get(), lastSize,
                        faults.faults().size(), (System.nanoTime() - startedAt) / 1_000_000));
            } catch (RuntimeException e) {
                // A listener's failure must not stop the experiment.
            }
        }
    }

    /** Each fault window as its start, reported and end lines of the history file. */
    static List<NemesisEvent> nemesisLines(List<Fault> faults) {
        List<NemesisEvent> lines = new ArrayList<>();
        for (Fault f : faults) {
            lines.add(new NemesisEvent(f.startNanos(), f.kind(), "start", f.nodes(), f.detail()));
            if (f.reportedNanos() >= 0) {
                lines.add(new NemesisEvent(f.reportedNanos(), f.kind(), "reported", f.nodes(), f.detail()));
            }
            lines.add(new NemesisEvent(f.endNanos(), f.kind(), "end", f.nodes(), f.detail()));
        }
        return lines;
    }

    private static Thread daemon(String name, Runnable body) {
        return daemonThread(name, body);
    }

    private static Thread daemonThread(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    private static long roundToMillis(long nanos) {
        return Math.max(1, nanos / 1_000_000) * 1_000_000;
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}

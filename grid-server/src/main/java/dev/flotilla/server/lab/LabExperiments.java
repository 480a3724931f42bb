package dev.flotilla.server.lab;

import dev.flotilla.client.protocol.ErrorCode;
import dev.flotilla.client.protocol.ExperimentStatus;
import dev.flotilla.lab.report.RunResult;
import dev.flotilla.lab.run.ExperimentRunner;
import dev.flotilla.lab.run.ExperimentSpec;
import dev.flotilla.lab.run.Progress;
import dev.flotilla.server.problem.ProblemException;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Experiments submitted over HTTP: run one at a time on a thread of their own, each on its own in-process cluster
 * (never the node's member), with their files under {@code flotilla-server.lab.output-dir/<id>}.
 *
 * <p>At most {@code flotilla-server.lab.max-queued} experiments wait behind the running one; more are refused
 * with 503 {@code lab-busy} (definite). A spec beyond the node's bounds (members at the largest, clients, duration,
 * safe timeout, keys) is refused with 400 {@code invalid-spec} naming the bound: an experiment runs its own
 * members and client threads inside the node's JVM, so an unbounded one would take the node down. Experiments live
 * as long as the node: a restart forgets them, their files stay on disk.
 */
@Singleton
public class LabExperiments {
    private static final Logger LOG = LoggerFactory.getLogger(LabExperiments.class);

    private final Path outputDir;
    private final ThreadPoolExecutor runner;
    private final Map<String, Experiment> experiments = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Bounds bounds;

    /** What one experiment may ask for on this node. */
    public record Bounds(int maxMembers, int maxClients, Duration maxDuration, Duration maxSafeTimeout, int maxKeys) {
        // The defaults, in one place: the configuration keys below fall back on them too.
        static final int DEFAULT_MAX_MEMBERS = 7;
        static final int DEFAULT_MAX_CLIENTS = 16;
        static final int DEFAULT_MAX_DURATION_MINUTES = 10;
        static final int DEFAULT_MAX_SAFE_TIMEOUT_MINUTES = 5;
        static final int DEFAULT_MAX_KEYS = 10_000;

        /** The defaults of {@code flotilla-server.lab.*}. */
        public static final Bounds DEFAULT = new Bounds(DEFAULT_MAX_MEMBERS, DEFAULT_MAX_CLIENTS,
                Duration.ofMinutes(DEFAULT_MAX_DURATION_MINUTES), Duration.ofMinutes(DEFAULT_MAX_SAFE_TIMEOUT_MINUTES),
                DEFAULT_MAX_KEYS);
    }

    @jakarta.inject.Inject
    public LabExperiments(@Value("${flotilla-server.lab.output-dir:lab-runs}") String outputDir,
                          @Value("${flotilla-server.lab.max-queued:4}") int maxQueued,
                          @Value("${flotilla-server.lab.max-members:" + Bounds.DEFAULT_MAX_MEMBERS + "}") int maxMembers,
                          @Value("${flotilla-server.lab.max-clients:" + Bounds.DEFAULT_MAX_CLIENTS + "}") int maxClients,
                          @Value("${flotilla-server.lab.max-duration:" + Bounds.DEFAULT_MAX_DURATION_MINUTES + "m}")
                          Duration maxDuration,
                          @Value("${flotilla-server.lab.max-safe-timeout:" + Bounds.DEFAULT_MAX_SAFE_TIMEOUT_MINUTES + "m}")
                          Duration maxSafeTimeout,
                          @Value("${flotilla-server.lab.max-keys:" + Bounds.DEFAULT_MAX_KEYS + "}") int maxKeys) {
        this(outputDir, maxQueued, new Bounds(maxMembers, maxClients, maxDuration, maxSafeTimeout, maxKeys));
    }

    /** A lab with these bounds. */
    LabExperiments(String outputDir, int maxQueued, Bounds bounds) {
        this.bounds = bounds;
        this.outputDir = Path.of(outputDir).toAbsolutePath();
        this.runner = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(Math.max(1, maxQueued)),
                task -> {
                    Thread thread = new Thread(task, "flotilla-lab");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * Queues an experiment; returns its status (state {@code queued}).
     *
     * @throws ProblemException 400 {@code invalid-spec} naming the bound the spec exceeds, 503 {@code lab-busy} when
     *                          the queue is full; nothing is queued either way
     */
    public ExperimentStatus submit(ExperimentSpec spec) {
        checkBounds(spec);
        long number = sequence.incrementAndGet(); // taken once: it names the experiment and orders the list
        String id = "e" + number + "-" + Long.toString(System.currentTimeMillis(), 36);
        Experiment experiment = new Experiment(id, number, spec, outputDir.resolve(id));
        experiments.put(id, experiment);
        try {
            runner.execute(experiment);
        } catch (RejectedExecutionException e) {
            experiments.remove(id);
            throw new ProblemException(ErrorCode.LAB_BUSY, "the lab already has " + runner.getQueue().size()
                    + " experiments waiting behind a running one; try again when one has finished");
        }
        return experiment.status();
    }

    private void checkBounds(ExperimentSpec spec) {
        within("members (the most the cluster reaches, joins included)", spec.maxMembers(), bounds.maxMembers(),
                "max-members");
        within("clients", spec.clients(), bounds.maxClients(), "max-clients");
        within("keys", spec.keys(), bounds.maxKeys(), "max-keys");
        within("duration-seconds", spec.duration().toSeconds(), bounds.maxDuration().toSeconds(), "max-duration");
        within("safe-timeout-seconds", spec.safeTimeout().toSeconds(), bounds.maxSafeTimeout().toSeconds(),
                "max-safe-timeout");
    }

    private static void within(String field, long value, long bound, String key) {
        if (value > bound) {
            throw new ProblemException(ErrorCode.INVALID_SPEC, field + " = " + value + ": this node runs at most "
                    + bound + " (flotilla-server.lab." + key + ")");
        }
    }

    /**
     * Cancels an experiment: a queued one is taken off the queue, a running one is interrupted (its clients and
     * nemesis stop, its members are shut down, and what it recorded so far is kept in its files); either way it
     * ends {@code cancelled}. An experiment that already ended is left as it is. Idempotent: returns the status.
     */
    public ExperimentStatus cancel(String id) {
        Experiment experiment = find(id);
        if (runner.remove(experiment)) {
            experiment.state = ExperimentState.CANCELLED;
        } else {
            experiment.cancel();
        }
        return experiment.status();
    }

    /** Every experiment this node knows, oldest first. */
    public List<ExperimentStatus> list() {
        List<Experiment> all = new ArrayList<>(experiments.values());
        all.sort(Comparator.comparingLong(e -> e.sequence));
        return all.stream().map(Experiment::status).toList();
    }

    /** The experiment's status, or a 404 problem. */
    public ExperimentStatus status(String id) {
        return find(id).status();
    }

    /**
     * A file of a finished experiment ({@code result.json}, {@code report.html}, {@code history.jsonl}), or a
     * problem. A cancelled run keeps what it recorded until it stopped, when it got as far as writing it.
     */
    public Path file(String id, String name) {
        Experiment experiment = find(id);
        ExperimentState state = experiment.state;
        if (state != ExperimentState.DONE && state != ExperimentState.CANCELLED) {
            throw new ProblemException(ErrorCode.NOT_READY, "experiment " + id + " is " + state.wire()
                    + "; its files are written when it is done");
        }
        Path file = experiment.dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new ProblemException(ErrorCode.NOT_FOUND, "experiment " + id + " wrote no " + name);
        }
        return file;
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
    }

    private Experiment find(String id) {
        return Optional.ofNullable(experiments.get(id)).orElseThrow(() ->
                new ProblemException(ErrorCode.NOT_FOUND, "no experiment '" + id + "' on this node"));
    }

    /** One submitted experiment; its fields are written by the lab thread and read by request threads. */
    private final class Experiment implements Runnable {
        private final String id;
        /** The submission's number, unique on this node: the list's order. */
        private final long sequence;
        private final ExperimentSpec spec;
        private final Path dir;
        private volatile ExperimentState state = ExperimentState.QUEUED;
        private volatile Progress progress;
        private volatile RunResult result;
        private volatile String error;
        private volatile boolean cancelled;
        /** The lab thread while the experiment runs; what a cancel interrupts. */
        private Thread thread;

        Experiment(String id, long sequence, ExperimentSpec spec, Path dir) {
            this.id = id;
            this.sequence = sequence;
            this.spec = spec;
            this.dir = dir;
        }

        @Override
        public void run() {
            synchronized (this) {
                if (cancelled) {
                    state = ExperimentState.CANCELLED;
                    return;
                }
                thread = Thread.currentThread();
                state = ExperimentState.RUNNING;
            }
            try {
                result = ExperimentRunner.run(spec, dir, p -> progress = p);
                state = cancelled ? ExperimentState.CANCELLED : ExperimentState.DONE;
            } catch (IOException | RuntimeException e) {
                if (cancelled) {
                    state = ExperimentState.CANCELLED;
                } else {
                    LOG.error("lab experiment {} failed", id, e);
                    error = "the experiment could not finish: " + e.getClass().getSimpleName()
                            + " (see the node's log)";
                    state = ExperimentState.FAILED;
                }
            } finally {
                synchronized (this) {
                    thread = null;
                    // The lab thread runs the next experiment: no interrupt of this one may reach it.
                    Thread.interrupted();
                }
            }
        }

        /** Interrupts the run if it is running; a queued one that slipped past the queue removal ends at start. */
        synchronized void cancel() {
            if (state == ExperimentState.DONE || state == ExperimentState.FAILED || state == ExperimentState.CANCELLED) {
                return;
            }
            cancelled = true;
            if (thread != null) {
                thread.interrupt();
            }
        }

        ExperimentStatus status() {
            Progress p = progress;
            RunResult r = result;
            Map<String, String> links = new LinkedHashMap<>();
            String self = "/lab/experiments/" + id;
            links.put("self", self);
            links.put("report", self + "/report");
            links.put("history", self + "/history");
            return new ExperimentStatus(id, spec.name(), state.wire(),
                    p == null ? null : p.phase().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    p == null ? 0 : p.operations(), p == null ? 0 : p.members(), p == null ? 0 : p.faults(),
                    p == null ? 0 : p.elapsedMillis(),
                    r == null ? null : r.verdict().name(), r == null ? null : r.summary(), error, links);
        }
    }
}

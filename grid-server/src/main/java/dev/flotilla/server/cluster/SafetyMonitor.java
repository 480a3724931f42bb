package dev.flotilla.server.cluster;

import io.micronaut.context.exceptions.ConfigurationException;
import dev.flotilla.grid.Grid;
import dev.flotilla.grid.cluster.BackupCoverage;
import dev.flotilla.grid.cluster.Safety;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Whether it is safe to stop the next member, as this node knows it: never older than
 * {@code flotilla-server.safety.max-age} (5 s), and never waiting on another member for a reader.
 *
 * <p>Two checks run in the background from startup until shutdown. Every {@code flotilla-server.safety.refresh}
 * (500 ms) the scheduler thread counts the local partition table's owners and backups on current members
 * ({@code ClusterView.coverage()}, local, never blocks). The cluster check ({@code ClusterView.safety()}, which
 * asks every member) runs on a thread of its own, one at a time: in Hazelcast 5.4 it waits for each member's
 * answer up to {@code hazelcast.graceful.shutdown.max.wait} (600 s), and each member's answer may itself wait on
 * the master (an invocation with a 120 s timeout) and on its backups (10 s), so after a crash it can hang until the
 * dead member is removed. A cluster check running longer than {@code flotilla-server.safety.deadline} (2 s) is
 * abandoned by the readers: from then on they are told the safety is not known, whatever the last answer was, and
 * no second check starts until the stuck one returns.
 *
 * <p>{@link #report()} combines them: a fresh local count that finds a partition without owner or backup, or a
 * migration, is a definite "unsafe" at once; otherwise the last cluster answer decides, if it is fresh and no check
 * has overrun its deadline since; anything else is {@link Verdict#UNKNOWN}, never the old value.
 */
@Context
public class SafetyMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(SafetyMonitor.class);
    private static final Safety NOT_RUNNING = new Safety(false, false, false, 0);

    /** A cluster safety answer and when it arrived; {@code checkedAt} is null before the first one. */
    public record Checked(Safety safety, @Nullable Instant checkedAt) {
        /** Whether it was taken at most {@code maxAge} before {@code now}. */
        public boolean fresh(Instant now, Duration maxAge) {
            return checkedAt != null && !checkedAt.plus(maxAge).isBefore(now);
        }
    }

    /** What a safety report concludes. */
    public enum Verdict {
        /** No migration, every partition owned and backed up, every member agrees: the next member may stop. */
        SAFE,
        /** Known not safe: migrating, or partitions without owner or backup. */
        UNSAFE,
        /** Not known now: no check yet, the last one is too old, or one has overrun its deadline. */
        UNKNOWN
    }

    /**
     * Safety as this node knows it now.
     *
     * @param verdict         safe, unsafe or not known
     * @param reason          why, in a sentence for an operator
     * @param checkedAt       when the oldest answer the verdict rests on was taken; null when not known
     * @param ageMillis       how old that answer is now, at most {@code maxAge}; null when not known
     * @param clusterSafe     the members' last answer, null when it is not fresh
     * @param localMemberSafe the local member's last answer, null when it is not fresh
     * @param coverage        the last local count of owners and backups, null when it is not fresh
     */
    public record Report(Verdict verdict, String reason, @Nullable Instant checkedAt, @Nullable Long ageMillis,
                         Duration maxAge, Duration deadline, @Nullable Boolean clusterSafe,
                         @Nullable Boolean localMemberSafe, @Nullable BackupCoverage coverage) {
    }

    private record Counted(BackupCoverage coverage, Instant at) {
    }

    private final BooleanSupplier running;
    private final Supplier<Safety> check;
    private final Supplier<BackupCoverage> coverage;
    private final Duration refresh;
    private final Duration maxAge;
    private final Duration deadline;
    private final Clock clock;
    private final AtomicReference<Instant> checkSince = new AtomicReference<>();
    private volatile Checked latest = new Checked(NOT_RUNNING, null);
    private volatile Counted counted;
    private ScheduledExecutorService scheduler;
    private ExecutorService checker;

    @Inject
    public SafetyMonitor(Grid grid, @Value("${flotilla-server.safety.refresh:500ms}") Duration refresh,
                         @Value("${flotilla-server.safety.max-age:5s}") Duration maxAge,
                         @Value("${flotilla-server.safety.deadline:2s}") Duration deadline) {
        this(grid::isRunning, () -> grid.cluster().safety(), () -> grid.cluster().coverage(), refresh, maxAge,
                deadline, Clock.systemUTC());
    }

    /**
     * A monitor over any checks; {@link #refresh()} and {@link #count()} may be called directly when
     * {@link #start()} is not.
     */
    public SafetyMonitor(BooleanSupplier running, Supplier<Safety> check, Supplier<BackupCoverage> coverage,
                         Duration refresh, Duration maxAge, Duration deadline, Clock clock) {
        if (!positive(refresh) || !positive(maxAge) || !positive(deadline)) {
            throw new ConfigurationException("flotilla-server.safety.refresh (" + refresh + "), max-age (" + maxAge
                    + ") and deadline (" + deadline + ") must be positive");
        }
        if (deadline.compareTo(maxAge) >= 0) {
            throw new ConfigurationException("flotilla-server.safety.deadline (" + deadline
                    + ") must be shorter than flotilla-server.safety.max-age (" + maxAge + ")");
        }
        this.running = running;
        this.check = check;
        this.coverage = coverage;
        this.refresh = refresh;
        this.maxAge = maxAge;
        this.deadline = deadline;
        this.clock = clock;
    }

    /** Starts both checks on daemon threads of their own: first at once, then every {@code refresh}. */
    @PostConstruct
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(daemon("flotilla-safety"));
        checker = Executors.newCachedThreadPool(daemon("flotilla-safety-check"));
        scheduler.scheduleWithFixedDelay(this::tick, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops both checks; a cluster check under way is interrupted. */
    @PreDestroy
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            checker.shutdownNow();
            scheduler = null;
            checkSince.set(null); // a check that ignores the interrupt must not keep a later start from checking
        }
    }

    /** The last cluster answer (never blocks); see {@link #fresh(Checked)} before believing it. */
    public Checked latest() {
        return latest;
    }

    /**
     * Whether {@code checked} may be believed now: taken within {@code max-age}, no cluster check has overrun its
     * deadline since, and a fresh local count does not contradict it.
     */
    public boolean fresh(Checked checked) {
        Instant now = clock.instant();
        Counted local = counted;
        return checked.fresh(now, maxAge) && !overdue(now) && local != null && fresh(local.at(), now)
                && local.coverage().complete();
    }

    /** The cheap local check: whether the member runs (no remote call). */
    public boolean running() {
        return running.getAsBoolean();
    }

    /** Safety now, from the last checks (never blocks). */
    public Report report() {
        Instant now = clock.instant();
        if (!running()) {
            return unknown("the member is not running");
        }
        Counted local = counted;
        if (local == null || !fresh(local.at(), now)) {
            return unknown("no local count of partition owners and backups within " + maxAge.toMillis() + " ms");
        }
        BackupCoverage cover = local.coverage();
        Checked answer = latest;
        boolean answerFresh = answer.fresh(now, maxAge) && !overdue(now) && answer.safety().running();
        Boolean clusterSafe = answerFresh ? answer.safety().clusterSafe() : null;
        Boolean localSafe = answerFresh ? answer.safety().localMemberSafe() : null;
        if (!cover.complete()) {
            return new Report(Verdict.UNSAFE, uncovered(cover), local.at(), age(local.at(), now), maxAge, deadline,
                    clusterSafe, localSafe, cover);
        }
        Instant since = checkSince.get();
        if (since != null && overdue(now)) {
            return new Report(Verdict.UNKNOWN, "the cluster safety check has run for " + age(since, now)
                    + " ms, past its deadline of " + deadline.toMillis() + " ms (a member may not answer)", null, null,
                    maxAge, deadline, null, null, cover);
        }
        if (!answerFresh) {
            return new Report(Verdict.UNKNOWN, answer.checkedAt() == null ? "no cluster safety check has answered yet"
                    : "the last cluster safety answer is older than " + maxAge.toMillis() + " ms", null, null, maxAge,
                    deadline, null, null, cover);
        }
        Instant oldest = answer.checkedAt().isBefore(local.at()) ? answer.checkedAt() : local.at();
        boolean safe = clusterSafe && localSafe;
        return new Report(safe ? Verdict.SAFE : Verdict.UNSAFE, safe
                ? "no migration, every partition owned and backed up on current members"
                : "the members report a migration or backups not in sync yet", oldest, age(oldest, now), maxAge,
                deadline, clusterSafe, localSafe, cover);
    }

    /** Takes one cluster answer now, on the calling thread (which must not be the event loop: it may block). */
    public Checked refresh() {
        Safety safety = running.getAsBoolean() ? check.get() : NOT_RUNNING;
        Checked checked = new Checked(safety, clock.instant());
        latest = checked;
        return checked;
    }

    /** Counts owners and backups in the local table now, on the calling thread (never blocks). */
    public void count() {
        if (running.getAsBoolean()) {
            counted = new Counted(coverage.get(), clock.instant());
        }
    }

    private void tick() {
        try {
            count();
        } catch (RuntimeException e) {
            LOG.debug("counting partition replicas failed", e); // the count turns stale: readers say unknown
        }
        Instant now = clock.instant();
        if (running.getAsBoolean() && checkSince.compareAndSet(null, now)) {
            try {
                checker.execute(this::checkCluster);
            } catch (RuntimeException rejected) {
                checkSince.set(null); // stopping
            }
        }
    }

    private void checkCluster() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // keep the older value: it turns stale, and readers then stop calling the cluster safe
            LOG.debug("cluster safety check failed", e);
        } finally {
            checkSince.set(null);
        }
    }

    private boolean overdue(Instant now) {
        Instant since = checkSince.get();
        return since != null && since.plus(deadline).isBefore(now);
    }

    private boolean fresh(Instant at, Instant now) {
        return !at.plus(maxAge).isBefore(now);
    }

    private Report unknown(String reason) {
        return new Report(Verdict.UNKNOWN, reason, null, null, maxAge, deadline, null, null, null);
    }

    private static String uncovered(BackupCoverage c) {
        if (c.unowned() > 0) {
            return c.unowned() + " of " + c.partitions() + " partitions have no owner on a current member";
        }
        if (c.underBackedUp() > 0) {
            return c.underBackedUp() + " of " + c.partitions() + " partitions have fewer than " + c.backupsExpected()
                    + " backups on current members";
        }
        return "partitions are migrating";
    }

    private static long age(Instant at, Instant now) {
        return Math.max(0, Duration.between(at, now).toMillis());
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}

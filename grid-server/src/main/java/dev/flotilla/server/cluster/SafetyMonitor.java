package dev.flotilla.server.cluster;

import dev.flotilla.grid.Grid;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The last known {@link Safety} of this node's member, refreshed on a background thread every
 * {@code flotilla-server.safety.refresh} (500 ms by default) from startup until shutdown.
 *
 * <p>grid-core's {@code ClusterView.safety()} asks the other members ({@code PartitionService.isClusterSafe()}) and
 * may wait a long time, so it is never called on the event loop: {@code /health}, {@code /prometheus} and
 * {@code /cluster} read {@link #latest()} instead. A value older than {@code flotilla-server.safety.max-age}
 * (5 s by default), or none yet, is {@linkplain Checked#fresh stale}: readers must not call the cluster safe then.
 */
@Context
public class SafetyMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(SafetyMonitor.class);

    /** A safety value and when it was taken; {@code checkedAt} is null before the first check. */
    public record Checked(Safety safety, @Nullable Instant checkedAt) {
        /** Whether it was taken at most {@code maxAge} before {@code now}. */
        public boolean fresh(Instant now, Duration maxAge) {
            return checkedAt != null && !checkedAt.plus(maxAge).isBefore(now);
        }
    }

    private final BooleanSupplier running;
    private final Supplier<Safety> check;
    private final Duration refresh;
    private final Duration maxAge;
    private final Clock clock;
    private volatile Checked latest = new Checked(new Safety(false, false, false, 0), null);
    private ScheduledExecutorService scheduler;

    @Inject
    public SafetyMonitor(Grid grid, @Value("${flotilla-server.safety.refresh:500ms}") Duration refresh,
                         @Value("${flotilla-server.safety.max-age:5s}") Duration maxAge) {
        this(grid::isRunning, () -> grid.cluster().safety(), refresh, maxAge, Clock.systemUTC());
    }

    /** A monitor over any check; {@link #refresh()} may be called directly when {@link #start()} is not. */
    public SafetyMonitor(BooleanSupplier running, Supplier<Safety> check, Duration refresh, Duration maxAge, Clock clock) {
        if (refresh.isNegative() || refresh.isZero() || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("flotilla-server.safety.refresh and max-age must be positive");
        }
        this.running = running;
        this.check = check;
        this.refresh = refresh;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** Starts refreshing on a daemon thread of its own: first check at once, then {@code refresh} after each. */
    @PostConstruct
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "flotilla-safety");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::refreshQuietly, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops refreshing; a check under way is interrupted. */
    @PreDestroy
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    /** The last value (never blocks). */
    public Checked latest() {
        return latest;
    }

    /** Whether {@code checked} is recent enough to be believed now. */
    public boolean fresh(Checked checked) {
        return checked.fresh(clock.instant(), maxAge);
    }

    /** The cheap local check: whether the member runs (no remote call). */
    public boolean running() {
        return running.getAsBoolean();
    }

    /** Takes one value now, on the calling thread (which must not be the event loop). */
    public Checked refresh() {
        Safety safety = running.getAsBoolean() ? check.get() : new Safety(false, false, false, 0);
        Checked checked = new Checked(safety, clock.instant());
        latest = checked;
        return checked;
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // keep the older value: it turns stale, and readers then stop calling the cluster safe
            LOG.debug("cluster safety check failed", e);
        }
    }
}

package dev.flotilla.grid.internal;

import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.ReplicaMigrationEvent;
import dev.flotilla.grid.cluster.ClusterEvent;
import dev.flotilla.grid.cluster.MigrationProcess;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Keeps the running migration process and the last few finished ones, and turns them into events. */
final class MigrationWatcher implements MigrationListener {
    static final int RECENT_LIMIT = 20;

    private final Consumer<ClusterEvent> events;
    private final Deque<MigrationProcess> recent = new ArrayDeque<>();
    private final AtomicInteger failedReplicas = new AtomicInteger();
    private volatile MigrationState running;

    MigrationWatcher(Consumer<ClusterEvent> events) {
        this.events = events;
    }

    @Override
    public void migrationStarted(MigrationState state) {
        failedReplicas.set(0);
        running = state;
        events.accept(new ClusterEvent.MigrationStarted(Instant.now(), toProcess(state, false)));
    }

    @Override
    public void migrationFinished(MigrationState state) {
        MigrationProcess done = toProcess(state, true);
        synchronized (recent) {
            recent.addFirst(done);
            while (recent.size() > RECENT_LIMIT) {
                recent.removeLast();
            }
        }
        running = null;
        events.accept(new ClusterEvent.MigrationFinished(Instant.now(), done));
    }

    @Override
    public void replicaMigrationCompleted(ReplicaMigrationEvent event) {
        running = event.getMigrationState();
    }

    @Override
    public void replicaMigrationFailed(ReplicaMigrationEvent event) {
        failedReplicas.incrementAndGet();
        running = event.getMigrationState();
    }

    Optional<MigrationProcess> inFlight() {
        MigrationState state = running;
        return state == null ? Optional.empty() : Optional.of(toProcess(state, false));
    }

    List<MigrationProcess> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    private MigrationProcess toProcess(MigrationState state, boolean finished) {
        return new MigrationProcess(Instant.ofEpochMilli(state.getStartTime()), state.getPlannedMigrations(),
                state.getCompletedMigrations(), failedReplicas.get(), state.getTotalElapsedTime(), finished);
    }
}

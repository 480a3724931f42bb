package dev.flotilla.lab.run;

import com.hazelcast.cp.CPMember;
import com.hazelcast.cp.CPSubsystemManagementService;
import dev.flotilla.grid.Grid;
import dev.flotilla.grid.GridConfig;
import dev.flotilla.grid.LoopbackProfile;
import dev.flotilla.grid.MapSettings;
import dev.flotilla.grid.cluster.MemberInfo;
import dev.flotilla.lab.nemesis.ClusterControl;
import dev.flotilla.lab.nemesis.Poll;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * An in-process cluster of real grid members for one experiment: free loopback ports, a random cluster name (so
 * clusters never cross), few partitions and threads, fast failure detection and short Raft timeouts. Members join
 * through the addresses of every member started before them.
 *
 * <p>Membership changes ({@link #addMember}, {@link #addMemberIfBelow}, {@link #leave}, {@link #crash}) hold one
 * lock from start to end, so they never interleave: a size check and the add that follows it are atomic, and a heal
 * that runs while a late nemesis step is still adding a member waits for that step instead of overshooting.
 *
 * <p>{@link #close()} terminates whatever is still running and marks the cluster closed; a member whose start was
 * under way meanwhile is terminated as soon as it is up, and its start fails. It does not wait for the membership
 * lock (a stuck step could hold it for a minute), so closing is prompt and leaves no member running.
 */
final class LabCluster implements ClusterControl<Grid>, AutoCloseable {
    /** How long membership changes may take to be seen by every member. */
    private static final Duration MEMBERSHIP_LIMIT = Duration.ofSeconds(30);
    private static final Duration CP_LIMIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(20);

    private final String clusterName = "lab-" + UUID.randomUUID().toString().substring(0, 12);
    private final MapSettings map;
    private final int cpMemberCount;
    private final List<String> addresses = new CopyOnWriteArrayList<>();
    private final List<Grid> started = new CopyOnWriteArrayList<>();
    private final java.util.Map<Grid, String> labels = new java.util.concurrent.ConcurrentHashMap<>();
    /** Held for the whole of each membership change. */
    private final ReentrantLock membership = new ReentrantLock();
    /** Guards {@link #closed} together with additions to {@link #started}. */
    private final Object registry = new Object();
    private boolean closed;
    private volatile long clockStart = System.nanoTime();

    private LabCluster(MapSettings map, int cpMemberCount) {
        this.map = map;
        this.cpMemberCount = cpMemberCount;
    }

    /**
     * Starts {@code size} members one after another (that is faster than in parallel) and, with CP members, waits
     * until CP discovery has completed.
     */
    static LabCluster form(int size, MapSettings map, int cpMemberCount) {
        LabCluster cluster = new LabCluster(map, cpMemberCount);
        try {
            for (int i = 0; i < size; i++) {
                cluster.start();
            }
            cluster.awaitMembership();
            if (cpMemberCount > 0) {
                boolean done = cluster.first().hazelcast().getCPSubsystem().getCPSubsystemManagementService()
                        .awaitUntilDiscoveryCompleted(CP_LIMIT.toSeconds(), TimeUnit.SECONDS);
                if (!done) {
                    throw new IllegalStateException("CP discovery did not complete within " + CP_LIMIT.toSeconds() + " s");
                }
            }
            return cluster;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cluster.close();
            throw new IllegalStateException("interrupted while forming the cluster", e);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The member config: the loopback profile, short Raft timeouts, and shorter invocation retries (why: see below). */
    GridConfig config(int port) {
        return LoopbackProfile.builder(clusterName)
                .port(port)
                .members(List.copyOf(addresses))
                .mapDefaults(map)
                .cpMemberCount(cpMemberCount)
                .cpFailOnIndeterminateState(true)
                .cpLeaderElectionTimeout(Duration.ofMillis(1000))
                .cpLeaderHeartbeatPeriod(Duration.ofMillis(300))
                .property("hazelcast.graceful.shutdown.max.wait", "30")
                // A call that cannot reach its target (a CP group without majority, a partition whose owner is
                // gone) is retried for about 120 s by default; the lab wants an answer (info) within seconds so
                // that runs end on time. Migration-related retries finish well within this bound.
                .property("hazelcast.invocation.max.retry.count", "40")
                .property("hazelcast.invocation.retry.pause.millis", "250")
                .property("hazelcast.operation.call.timeout.millis", "10000")
                .build();
    }

    @Override
    public void startClock(long nanoTime) {
        clockStart = nanoTime;
    }

    /** The member that hosts the clients: the oldest, never faulted. */
    Grid first() {
        return members().get(0);
    }

    String clusterName() {
        return clusterName;
    }

    @Override
    public long nanos() {
        return System.nanoTime() - clockStart;
    }

    @Override
    public String label(Grid member) {
        return labels.getOrDefault(member, String.valueOf(member));
    }

    @Override
    public List<Grid> members() {
        return started.stream().filter(Grid::isRunning).toList();
    }

    @Override
    public int cpMemberCount() {
        return cpMemberCount;
    }

    @Override
    public List<Grid> cpMembers() {
        if (cpMemberCount == 0) {
            return List.of();
        }
        List<Grid> cp = new ArrayList<>();
        for (Grid grid : members()) {
            try {
                if (grid.hazelcast().getCPSubsystem().getLocalCPMember() != null) {
                    cp.add(grid);
                }
            } catch (RuntimeException notRunning) {
                // Stopped meanwhile.
            }
        }
        return cp;
    }

    /** Every member but the first: the first hosts the clients, and a fault there would hit them too. */
    @Override
    public List<Grid> faultable() {
        List<Grid> all = members();
        return all.isEmpty() ? all : all.subList(1, all.size());
    }

    @Override
    public Grid addMemberIfBelow(int target) {
        lockMembership();
        try {
            return size() < target ? addMemberLocked() : null;
        } finally {
            membership.unlock();
        }
    }

    private Grid addMemberLocked() {
        Grid grid = start();
        awaitMembership();
        if (cpMemberCount > 0) {
            promoteIfCpShort(grid);
        }
        return grid;
    }

    @Override
    public void leave(Grid member) {
        lockMembership();
        try {
            member.close();
            awaitMembership();
        } finally {
            membership.unlock();
        }
    }

    @Override
    public void crash(List<Grid> victims) {
        lockMembership();
        try {
            crashLocked(victims);
        } finally {
            membership.unlock();
        }
    }

    private void crashLocked(List<Grid> victims) {
        List<UUID> cpUuids = new ArrayList<>();
        for (Grid victim : victims) {
            if (cpMemberCount > 0 && victim.isRunning()) {
                CPMember cp = victim.hazelcast().getCPSubsystem().getLocalCPMember();
                if (cp != null) {
                    cpUuids.add(cp.getUuid());
                }
            }
        }
        victims.forEach(Grid::terminate);
        awaitMembership();
        // Raft keeps a crashed CP member in its groups until told otherwise (4 hours by default); remove it so a
        // replacement can be promoted. With the majority gone this cannot succeed, which is the point of that fault.
        for (UUID uuid : cpUuids) {
            try {
                management().removeCPMember(uuid).toCompletableFuture().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // Left in the group: the replacement stays an AP member; the report shows the fault anyway.
            }
        }
    }

    @Override
    public boolean supportsProcessFaults() {
        return false;
    }

    @Override
    public Grid restart(Grid member) {
        throw new UnsupportedOperationException("an in-process member cannot be restarted under its identity");
    }

    @Override
    public void pause(Grid member) {
        throw new UnsupportedOperationException("an in-process member cannot be paused: use cluster: processes");
    }

    @Override
    public void resume(Grid member) {
        throw new UnsupportedOperationException("an in-process member cannot be paused: use cluster: processes");
    }

    @Override
    public void resumeAll() {
        // Nothing is ever paused in-process.
    }

    @Override
    public boolean awaitRemoved(List<Grid> gone, Duration timeout) {
        return Poll.until(timeout, POLL,
                () -> settledOn(members().stream().filter(g -> !gone.contains(g)).toList(), false));
    }

    @Override
    public boolean awaitMigrationStarted(Duration timeout) {
        return Poll.until(timeout, Duration.ofMillis(1), () -> members().stream().anyMatch(g ->
                g.cluster().migrations().inFlight().isPresent()
                        || g.cluster().migrations().replicaMigrationsInFlight()
                        || !g.cluster().safety().clusterSafe()));
    }

    @Override
    public boolean awaitSafe(Duration timeout) {
        return Poll.until(timeout, POLL, this::safe);
    }

    /** Every running member sees the same members, owns every partition, and reports the cluster safe. */
    boolean safe() {
        return settledOn(members(), true);
    }

    /**
     * {@code alive} agree on a membership of exactly themselves and each sees every partition owned; with
     * {@code safety}, each also reports the cluster safe.
     */
    private static boolean settledOn(List<Grid> alive, boolean safety) {
        if (alive.isEmpty()) {
            return false;
        }
        Set<String> expected = uuids(alive.get(0));
        for (Grid grid : alive) {
            if (!uuids(grid).equals(expected) || expected.size() != alive.size()
                    || grid.cluster().partitions().unowned() != 0 || (safety && !grid.cluster().safety().clusterSafe())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        List<Grid> running;
        synchronized (registry) {
            closed = true;
            running = List.copyOf(started);
        }
        for (Grid grid : running) {
            try {
                if (grid.isRunning()) {
                    grid.terminate();
                }
            } catch (RuntimeException ignored) {
                // Already going down.
            }
        }
    }

    private Grid start() {
        synchronized (registry) {
            if (closed) {
                throw new IllegalStateException("the lab cluster is closed: no member started");
            }
        }
        int port = LoopbackProfile.freePort();
        addresses.add("127.0.0.1:" + port);
        Grid grid = Grid.start(config(port));
        synchronized (registry) {
            if (!closed) {
                labels.put(grid, "member " + started.size() + " (:" + port + ")");
                started.add(grid);
                return grid;
            }
        }
        // close() ran while this member was starting and could not see it: it must not outlive the cluster
        // (a running member is a non-daemon thread that keeps the JVM alive).
        try {
            grid.terminate();
        } catch (RuntimeException ignored) {
            // Already going down.
        }
        throw new IllegalStateException("the lab cluster was closed while a member started; it was terminated");
    }

    private void lockMembership() {
        try {
            membership.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to change the membership", e);
        }
    }

    private void awaitMembership() {
        boolean agreed = Poll.until(MEMBERSHIP_LIMIT, POLL, () -> {
            List<Grid> alive = members();
            return alive.stream().allMatch(g -> g.cluster().members().size() == alive.size());
        });
        if (!agreed && Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("interrupted while waiting for the members to agree on membership");
        }
        if (!agreed) {
            throw new IllegalStateException("members did not agree on membership within "
                    + MEMBERSHIP_LIMIT.toSeconds() + " s");
        }
    }

    private void promoteIfCpShort(Grid grid) {
        try {
            Collection<CPMember> cp = management().getCPMembers().toCompletableFuture().get(5, TimeUnit.SECONDS);
            if (cp.size() < cpMemberCount) {
                grid.hazelcast().getCPSubsystem().getCPSubsystemManagementService().promoteToCPMember()
                        .toCompletableFuture().get(CP_LIMIT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // CP unavailable (majority lost): the member stays an AP member.
        }
    }

    private CPSubsystemManagementService management() {
        return first().hazelcast().getCPSubsystem().getCPSubsystemManagementService();
    }

    private static Set<String> uuids(Grid grid) {
        return grid.cluster().members().stream().map(MemberInfo::uuid).collect(Collectors.toSet());
    }
}

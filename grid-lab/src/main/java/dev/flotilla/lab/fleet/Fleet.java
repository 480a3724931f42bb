package dev.flotilla.lab.fleet;

import dev.flotilla.client.FlotillaClient;
import dev.flotilla.client.HealthCheck;
import dev.flotilla.client.RetryPolicy;
import dev.flotilla.client.protocol.ClusterSummary;
import dev.flotilla.client.protocol.MemberView;
import dev.flotilla.client.protocol.PartitionView;
import dev.flotilla.client.protocol.PartitionsView;
import dev.flotilla.lab.nemesis.ClusterControl;
import dev.flotilla.lab.nemesis.Poll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * grid-server node processes on their own loopback addresses ({@code 127.0.0.2}, {@code .3}, ...), started with the
 * product's launcher, forming one cluster: the lab's cluster kind {@code processes}.
 *
 * <p>Addresses and ports of every node the fleet may ever have are chosen up front ({@link FleetSettings#capacity()}),
 * so each node file lists every member address and each client every HTTP endpoint, as an operator's configuration
 * would. What the fleet knows of the cluster it reads over the nodes' own HTTP API ({@code /cluster},
 * {@code /cluster/members}, {@code /cluster/partitions}), one node at a time, never from a member in this JVM.
 *
 * <p>With {@link FleetSettings#network()}, the fleet cuts the network between its nodes ({@link #cut}) with
 * {@link PrivateNetwork}'s iptables rules, in the lab's private network namespace.
 *
 * <p>When the map settings make maps persistent ({@code store-mode} not {@code off}), the fleet starts one
 * {@link StoreDatabase} before its nodes and gives every node its URL and credentials; it outlives node restarts
 * and can be paused ({@link #pauseStore()}).
 *
 * <p><b>Nothing is left behind:</b> {@link #close()} SIGKILLs every process it started (paused ones too, the
 * database last) and removes its firewall rules, and a JVM shutdown hook does the same when the lab is interrupted
 * (Ctrl-C) or fails before closing. Membership changes hold one lock, like the in-process cluster's.
 */
public final class Fleet implements ClusterControl<NodeProcess>, AutoCloseable {
    private static final Duration FORM_LIMIT = Duration.ofSeconds(120);
    private static final Duration MEMBERSHIP_LIMIT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration VIEW_TIMEOUT = Duration.ofSeconds(3);
    private static final Set<Fleet> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(OPEN).forEach(Fleet::close),
                "flotilla-fleet-cleanup"));
    }

    private final String clusterName = "lab-" + UUID.randomUUID().toString().substring(0, 12);
    private final FleetSettings settings;
    private final Launcher launcher;
    private final List<NodeProcess> slots;
    private final List<NodeProcess> started = new CopyOnWriteArrayList<>();
    private final Map<NodeProcess, FlotillaClient> views = new ConcurrentHashMap<>();
    private final ReentrantLock membership = new ReentrantLock();
    /** Drops packets between node addresses; null unless the settings ask for network faults. */
    private final PrivateNetwork network;
    /** The persistent maps' database; null unless the map settings store entries. */
    private volatile StoreDatabase store;
    private volatile boolean closed;
    private volatile long clockStart = System.nanoTime();

    private Fleet(FleetSettings settings, Launcher launcher) throws IOException {
        this.settings = settings;
        this.launcher = launcher;
        Files.createDirectories(settings.dir());
        List<NodeProcess> nodes = new ArrayList<>();
        for (int n = 1; n <= settings.capacity(); n++) {
            String host = "127.0.0." + (n + 1);
            nodes.add(new NodeProcess(n, host, freePort(host), freePort(host), settings.dir().resolve("n" + n + ".yml"),
                    settings.dir().resolve("n" + n + ".log")));
        }
        this.slots = List.copyOf(nodes);
        this.network = settings.network() ? PrivateNetwork.open() : null;
    }

    /** Starts the database if the maps are persistent (it must run before a node loads), then writes the node files. */
    private void prepare() throws IOException {
        if (settings.map().persistence().enabled()) {
            StoreDatabase db = StoreDatabase.start(settings.dir().resolve("store"),
                    settings.dir().resolve("store.log"), freePort(StoreDatabase.HOST));
            store = db;
            if (closed) {
                // close() (the shutdown hook) ran while the database started and could not see it.
                db.kill();
                throw new IllegalStateException("the fleet was closed while its database started; it was killed");
            }
        }
        List<String> members = slots.stream().map(NodeProcess::memberAddress).toList();
        for (NodeProcess node : slots) {
            Files.writeString(node.config(), NodeFile.render(node, clusterName, members, settings, store));
        }
    }

    /**
     * Starts the database of persistent maps if the settings ask for one, then {@code settings.size()} nodes at
     * once, and waits until they form one cluster with every partition owned. On failure every started process
     * (the database too) is killed before the exception is thrown.
     *
     * @throws IllegalStateException when the nodes do not form one cluster within two minutes (the message names
     *                               the node logs)
     */
    public static Fleet form(FleetSettings settings) {
        Fleet fleet;
        try {
            fleet = new Fleet(settings, Launcher.locate());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write node files under " + settings.dir(), e);
        }
        OPEN.add(fleet);
        try {
            try {
                fleet.prepare();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write node files under " + settings.dir(), e);
            }
            for (int i = 0; i < settings.size(); i++) {
                fleet.startNode(fleet.slots.get(i));
            }
            boolean formed = Poll.until(FORM_LIMIT, POLL, () -> fleet.members().size() < settings.size() || fleet.formed());
            if (fleet.members().size() < settings.size()) {
                throw new IllegalStateException("a node exited while the fleet formed; see " + settings.dir() + "/n*.log");
            }
            if (!formed) {
                throw new IllegalStateException("the " + settings.size() + " nodes did not form one cluster within "
                        + FORM_LIMIT.toSeconds() + " s; see " + settings.dir() + "/n*.log");
            }
            return fleet;
        } catch (RuntimeException e) {
            fleet.close();
            throw e;
        }
    }

    /** The cluster name every node of this fleet uses. */
    public String clusterName() {
        return clusterName;
    }

    /** Every node's HTTP URI, started or not, in node order: what a client of the whole fleet is given. */
    public List<URI> endpoints() {
        return slots.stream().map(NodeProcess::http).toList();
    }

    @Override
    public void startClock(long nanoTime) {
        clockStart = nanoTime;
    }

    @Override
    public long nanos() {
        return System.nanoTime() - clockStart;
    }

    @Override
    public List<NodeProcess> members() {
        return started.stream().filter(NodeProcess::isAlive).toList();
    }

    /** Every node may be hit: the clients run in the lab's JVM, not on a node. */
    @Override
    public List<NodeProcess> faultable() {
        return members().stream().filter(n -> !n.isPaused()).toList();
    }

    @Override
    public int cpMemberCount() {
        return settings.cpMemberCount();
    }

    /** The nodes started as CP members: with CP, the first {@code cpMemberCount} nodes of the fleet. */
    @Override
    public List<NodeProcess> cpMembers() {
        return members().stream().filter(n -> n.number() <= settings.cpMemberCount()).toList();
    }

    @Override
    public NodeProcess addMemberIfBelow(int target) {
        lock();
        try {
            if (size() >= target) {
                return null;
            }
            NodeProcess next = slots.stream().filter(n -> n.starts() == 0).findFirst()
                    .or(() -> slots.stream().filter(n -> !n.isAlive()).findFirst())
                    .orElseThrow(() -> new IllegalStateException("the fleet has no free node slot (capacity "
                            + settings.capacity() + ")"));
            startNode(next);
            awaitMembership();
            return next;
        } finally {
            membership.unlock();
        }
    }

    @Override
    public void leave(NodeProcess node) {
        lock();
        try {
            node.terminate();
            awaitMembership();
        } finally {
            membership.unlock();
        }
    }

    @Override
    public void crash(List<NodeProcess> nodes) {
        lock();
        try {
            nodes.forEach(NodeProcess::kill);
            awaitMembership();
        } finally {
            membership.unlock();
        }
    }

    @Override
    public boolean supportsProcessFaults() {
        return true;
    }

    @Override
    public NodeProcess restart(NodeProcess node) {
        return restart(List.of(node)).get(0);
    }

    /** Starts every node at once (each JVM takes seconds to come up) and waits once until all agree on membership. */
    @Override
    public List<NodeProcess> restart(List<NodeProcess> nodes) {
        lock();
        try {
            for (NodeProcess node : nodes) {
                if (node.isAlive()) {
                    throw new IllegalStateException(node.label() + " is still running; kill it first");
                }
            }
            nodes.forEach(this::startNode);
            awaitMembership();
            return List.copyOf(nodes);
        } finally {
            membership.unlock();
        }
    }

    @Override
    public void pause(NodeProcess node) {
        node.pause();
    }

    @Override
    public void resume(NodeProcess node) {
        node.resume();
    }

    /** Lets every paused node, and a paused database, run again. */
    @Override
    public void resumeAll() {
        members().stream().filter(NodeProcess::isPaused).forEach(NodeProcess::resume);
        StoreDatabase db = store;
        if (db != null && db.isPaused()) {
            db.resume();
        }
    }

    /**
     * Stops every running node at the same moment (SIGTERM to all, or SIGKILL to all) and returns once each
     * process has exited; a node whose graceful stop hangs for a minute is SIGKILLed. Returns the nodes stopped,
     * for {@link #restart(List)}.
     */
    @Override
    public List<NodeProcess> stopAll(boolean graceful) {
        lock();
        try {
            List<NodeProcess> running = members();
            running.forEach(node -> node.signalStop(graceful));
            running.forEach(NodeProcess::awaitStopped);
            return running;
        } finally {
            membership.unlock();
        }
    }

    /** Whether this fleet has a database ({@link #pauseStore()}). */
    @Override
    public boolean supportsStoreFaults() {
        return store != null;
    }

    /** The database's label ({@code store 127.0.0.254:port}), or empty when there is none. */
    @Override
    public String storeLabel() {
        StoreDatabase db = store;
        return db == null ? "" : db.label();
    }

    /** SIGSTOP to the database: every store call hangs until {@code store.timeout-millis} fails it. */
    @Override
    public void pauseStore() {
        requireStore().pause();
    }

    /** SIGCONT to the database. */
    @Override
    public void resumeStore() {
        requireStore().resume();
    }

    private StoreDatabase requireStore() {
        StoreDatabase db = store;
        if (db == null) {
            throw new UnsupportedOperationException("this fleet has no database: its maps are not persistent (store)");
        }
        return db;
    }

    @Override
    public boolean supportsNetworkFaults() {
        return network != null;
    }

    @Override
    public String networkUnavailable() {
        return network != null ? "" : PrivateNetwork.unavailable()
                .orElse("this fleet was formed without network faults (FleetSettings.network)");
    }

    @Override
    public void cut(Map<NodeProcess, Set<NodeProcess>> unreachable) {
        if (network == null) {
            throw new UnsupportedOperationException(networkUnavailable());
        }
        Map<String, Set<String>> byAddress = new java.util.TreeMap<>();
        unreachable.forEach((node, others) -> byAddress.put(node.host(),
                others.stream().map(NodeProcess::host).collect(Collectors.toSet())));
        network.cut(byAddress);
    }

    @Override
    public void healNetwork() {
        if (network != null) {
            network.heal();
        }
    }

    /** No running node lists a member it is cut off from, in either direction: each side has removed the other. */
    @Override
    public boolean awaitCutSeen(Map<NodeProcess, Set<NodeProcess>> unreachable, Duration timeout) {
        return Poll.until(timeout, POLL, () -> faultable().stream().allMatch(node -> {
            Set<String> listed = memberAddresses(node);
            if (listed.isEmpty()) {
                return false;
            }
            return slots.stream().filter(other -> cutOff(unreachable, node, other))
                    .noneMatch(other -> listed.contains(other.memberAddress()));
        }));
    }

    private static boolean cutOff(Map<NodeProcess, Set<NodeProcess>> unreachable, NodeProcess a, NodeProcess b) {
        return unreachable.getOrDefault(a, Set.of()).contains(b) || unreachable.getOrDefault(b, Set.of()).contains(a);
    }

    /** One entry per distinct membership that a running, unpaused node reports; a node that does not answer is left out. */
    @Override
    public List<List<String>> views() {
        Map<String, NodeProcess> byAddress = slots.stream()
                .collect(Collectors.toMap(NodeProcess::memberAddress, n -> n));
        Set<List<String>> distinct = new java.util.LinkedHashSet<>();
        for (NodeProcess node : faultable()) {
            Set<String> listed = memberAddresses(node);
            if (!listed.isEmpty()) {
                distinct.add(listed.stream().map(a -> byAddress.containsKey(a) ? byAddress.get(a).label() : a)
                        .sorted().toList());
            }
        }
        return List.copyOf(distinct);
    }

    @Override
    public boolean awaitRemoved(List<NodeProcess> gone, Duration timeout) {
        return Poll.until(timeout, POLL, () -> settledOn(
                members().stream().filter(n -> !gone.contains(n) && !n.isPaused()).toList()));
    }

    @Override
    public boolean awaitMigrationStarted(Duration timeout) {
        return Poll.until(timeout, Duration.ofMillis(5), () -> faultable().stream().anyMatch(n -> {
            ClusterSummary summary = summary(n);
            return summary != null && summary.migrations() != null && (summary.migrations().inFlight()
                    || summary.migrations().replicaMigrationsInFlight() || !summary.safety().clusterSafe());
        }));
    }

    @Override
    public boolean awaitSafe(Duration timeout) {
        return Poll.until(timeout, POLL, this::safe);
    }

    /**
     * Every node runs unpaused and lists the same members, which are exactly the running nodes; every partition has
     * an owner and its backups among them; no migration runs; and every node reports the cluster safe.
     */
    boolean safe() {
        List<NodeProcess> alive = members();
        if (alive.isEmpty() || alive.stream().anyMatch(NodeProcess::isPaused)) {
            return false;
        }
        if (!agreeOn(alive)) {
            return false;
        }
        for (NodeProcess node : alive) {
            ClusterSummary summary = summary(node);
            if (summary == null || summary.migrations().inFlight() || summary.migrations().replicaMigrationsInFlight()
                    || !summary.safety().clusterSafe()) {
                return false;
            }
        }
        return ownedBy(alive.get(0), addresses(alive), true);
    }

    @Override
    public String label(NodeProcess node) {
        return node.label();
    }

    /** SIGKILLs every node process this fleet started, then its database, and closes its view clients. Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (NodeProcess node : slots) {
            node.kill();
        }
        StoreDatabase db = store;
        if (db != null) {
            db.kill();
        }
        if (network != null) {
            network.close();
        }
        views.values().forEach(FlotillaClient::close);
        views.clear();
        OPEN.remove(this);
    }

    private void startNode(NodeProcess node) {
        if (closed) {
            throw new IllegalStateException("the fleet is closed: no node started");
        }
        node.start(launcher.command(node.config()), environment());
        if (!started.contains(node)) {
            started.add(node);
        }
    }

    /** The launcher's environment, and the database password when there is a database (never in a file). */
    private Map<String, String> environment() {
        StoreDatabase db = store;
        if (db == null) {
            return launcher.environment();
        }
        Map<String, String> env = new java.util.HashMap<>(launcher.environment());
        env.put("FLOTILLA_STORE_PASSWORD", db.password());
        return env;
    }

    private boolean formed() {
        return settledOn(members());
    }

    /** {@code nodes} agree on a membership of exactly themselves, and every partition has an owner among them. */
    private boolean settledOn(List<NodeProcess> nodes) {
        return !nodes.isEmpty() && agreeOn(nodes) && ownedBy(nodes.get(0), addresses(nodes), false);
    }

    /** Every one of {@code nodes} lists exactly {@code nodes} as the cluster's members. */
    private boolean agreeOn(List<NodeProcess> nodes) {
        Set<String> expected = addresses(nodes);
        return nodes.stream().allMatch(n -> expected.equals(memberAddresses(n)));
    }

    private static Set<String> addresses(List<NodeProcess> nodes) {
        return nodes.stream().map(NodeProcess::memberAddress).collect(Collectors.toSet());
    }

    private void awaitMembership() {
        boolean agreed = Poll.until(MEMBERSHIP_LIMIT, POLL,
                () -> agreeOn(members().stream().filter(n -> !n.isPaused()).toList()));
        if (!agreed && Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("interrupted while waiting for the nodes to agree on membership");
        }
        if (!agreed) {
            throw new IllegalStateException("the nodes did not agree on membership within "
                    + MEMBERSHIP_LIMIT.toSeconds() + " s");
        }
    }

    /** Whether every partition, as {@code node} sees the table, has its owner (and, if asked, its backups) in {@code members}. */
    private boolean ownedBy(NodeProcess node, Set<String> members, boolean withBackups) {
        PartitionsView table;
        try {
            table = view(node).partitions();
        } catch (RuntimeException unreachable) {
            return false;
        }
        int backups = Math.min(settings.map().backupCount() + settings.map().asyncBackupCount(), members.size() - 1);
        for (PartitionView p : table.partitions()) {
            if (p.owner() == null || !members.contains(p.owner())) {
                return false;
            }
            if (withBackups && (p.backups().size() < backups || !members.containsAll(p.backups()))) {
                return false;
            }
        }
        return true;
    }

    /** The member addresses {@code node} lists, or an empty set when it does not answer. */
    private Set<String> memberAddresses(NodeProcess node) {
        try {
            Collection<MemberView> list = view(node).members().members();
            Set<String> addresses = new HashSet<>();
            list.forEach(m -> addresses.add(m.address()));
            return addresses;
        } catch (RuntimeException unreachable) {
            return Set.of();
        }
    }

    private ClusterSummary summary(NodeProcess node) {
        try {
            return view(node).cluster();
        } catch (RuntimeException unreachable) {
            return null;
        }
    }

    /** A client of this node only: no retries, no probing, short timeouts (a paused node must not hold a poll). */
    private FlotillaClient view(NodeProcess node) {
        return views.computeIfAbsent(node, n -> FlotillaClient.builder().endpoints(List.of(n.http()))
                .connectTimeout(Duration.ofSeconds(1)).requestTimeout(VIEW_TIMEOUT).retryPolicy(RetryPolicy.none())
                .healthCheck(HealthCheck.disabled()).build());
    }

    private void lock() {
        try {
            membership.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to change the membership", e);
        }
    }

    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + host, e);
        }
    }
}

package dev.flotilla.lab.run;

import dev.flotilla.grid.MapSettings;
import dev.flotilla.grid.Persistence;
import dev.flotilla.grid.guarantee.GuaranteeMode;
import dev.flotilla.lab.nemesis.Nemeses;
import dev.flotilla.lab.nemesis.Nemesis;
import dev.flotilla.lab.nemesis.NemesisSettings;
import dev.flotilla.lab.nemesis.PartitionShape;
import dev.flotilla.lab.workload.Workload;
import dev.flotilla.lab.workload.Workloads;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One experiment: workload x guarantee mode x map settings x nemesis schedule x cluster kind and size, for a time
 * limit. Immutable and validated on construction; names from outside (workload, mode, nemesis, cluster kind) are
 * resolved once, by the {@link Builder}, into the typed values held here. Read from YAML with
 * {@link #fromYaml(Path)} (keys are documented in {@code docs/lab-runs.md}) or built with {@link #builder()}, which
 * holds every default.
 *
 * @param name             a label for reports; defaults to {@code workload-mode-nemesis}
 * @param workload         the workload
 * @param mode             the guarantee mode its client runs under
 * @param map              replication of the workload's maps, and whether they are persistent ({@link #store()})
 * @param cluster          in-process members or node processes
 * @param members          members the cluster starts with
 * @param cpMembers        CP member count: 0 or 3-7 (derived from the mode unless set: 3 for {@code cp}, else 0)
 * @param nemesis          the fault schedule
 * @param nemesisInterval  time between two faults
 * @param nemesisSizes     sizes the {@code join} nemesis grows through (empty: initial + 1, + 2, + 4)
 * @param settleLimit      longest wait for safety after each fault before the schedule goes on
 * @param pauseFor         how long the {@code pause} nemesis keeps a node stopped
 * @param partitionShape   the sides of each cut of the {@code partition} nemesis
 * @param partitionFor     how long the {@code partition} nemesis keeps the sides apart
 * @param duration         how long the clients and the nemesis run
 * @param clients          client worker threads
 * @param rate             total operations per second over all clients; 0 = as fast as they go
 * @param seed             seeds the generators and the nemesis' choices
 * @param keys             registers (register, documents) or accounts (bank)
 * @param safeTimeout      longest wait, after healing, for the cluster to be safe; past it the verdict is UNKNOWN
 * @param idempotencyKeys  whether the HTTP client sends {@code Idempotency-Key} with its writes (processes only)
 * @param maxNoHeartbeat   how long nodes keep a silent member before removing it (processes only; a node's own
 *                         default is 10 s, in-process members use 5 s)
 */
public record ExperimentSpec(String name, Workload workload, GuaranteeMode mode, MapSettings map, ClusterKind cluster,
                             int members, int cpMembers, Nemesis nemesis, Duration nemesisInterval,
                             List<Integer> nemesisSizes, Duration settleLimit, Duration pauseFor,
                             PartitionShape partitionShape, Duration partitionFor, Duration duration,
                             int clients, double rate, long seed, int keys, Duration safeTimeout,
                             boolean idempotencyKeys, Duration maxNoHeartbeat) {

    /** Guarantee mode ids, as {@link GuaranteeMode} names them. */
    public static final List<String> MODES = Arrays.stream(GuaranteeMode.values()).map(GuaranteeMode::id).toList();
    static final int MAX_MEMBERS = 9;

    /** Validates every field; a rejected value throws {@link InvalidSpecException} naming the field. */
    public ExperimentSpec {
        if (workload == null) {
            throw new InvalidSpecException("workload", null, "must be one of " + Workloads.names());
        }
        if (mode == null) {
            throw new InvalidSpecException("mode", null, "must be one of " + MODES);
        }
        if (map == null) {
            throw new InvalidSpecException("map", null, "must be set");
        }
        if (cluster == null) {
            throw new InvalidSpecException("cluster", null, "must be one of " + ClusterKind.ids());
        }
        if (nemesis == null) {
            throw new InvalidSpecException("nemesis.name", null, "must be one of " + Nemeses.names());
        }
        range("map.backup-count", map.backupCount(), 0, MapSettings.MAX_BACKUPS);
        range("map.async-backup-count", map.asyncBackupCount(), 0, MapSettings.MAX_BACKUPS - map.backupCount());
        range("members", members, 1, MAX_MEMBERS);
        if (cpMembers != 0) {
            range("cp-members", cpMembers, 3, 7);
        }
        if (mode == GuaranteeMode.CP && cpMembers < 3) {
            throw new InvalidSpecException("cp-members", cpMembers, "mode cp needs 3 to 7 CP members (Raft)");
        }
        if (mode == GuaranteeMode.CP_UNSAFE && cpMembers != 0) {
            throw new InvalidSpecException("cp-members", cpMembers, "mode cp-unsafe needs 0 CP members (that is"
                    + " what makes Hazelcast run CP calls without Raft)");
        }
        if (cpMembers > members) {
            throw new InvalidSpecException("members", members, "must be at least cp-members (" + cpMembers
                    + "): CP discovery waits for that many members");
        }
        if (members < nemesis.minimumMembers(cpMembers)) {
            throw new InvalidSpecException("members", members, "nemesis " + nemesis.name() + " needs at least "
                    + nemesis.minimumMembers(cpMembers) + " members");
        }
        if (map.persistence().enabled() && cluster != ClusterKind.PROCESSES) {
            throw new InvalidSpecException("store", map.persistence().mode().id(), "needs cluster: processes (the lab"
                    + " starts a database for node processes only; in-process members keep maps in memory)");
        }
        if (nemesis.needsStore() && !map.persistence().enabled()) {
            throw new InvalidSpecException("store", Persistence.Mode.OFF.id(), "nemesis " + nemesis.name()
                    + " needs a database: store: write-through or write-behind");
        }
        if (nemesis.needsProcesses() && cluster != ClusterKind.PROCESSES) {
            throw new InvalidSpecException("nemesis.name", nemesis.name(), "needs cluster: processes (it signals"
                    + " node processes or cuts the network between them; in-process members share one)");
        }
        if (partitionShape == null) {
            throw new InvalidSpecException("nemesis.shape", null, "must be one of " + PartitionShape.ids());
        }
        if (nemesis.needsNetwork() && members < partitionShape.minimumMembers()) {
            throw new InvalidSpecException("members", members, "partition shape " + partitionShape.id()
                    + " needs at least " + partitionShape.minimumMembers() + " members");
        }
        positive("nemesis.partition-seconds", partitionFor);
        if (nemesis.name().equals("lose-majority") && cpMembers < 3) {
            throw new InvalidSpecException("nemesis.name", nemesis.name(), "lose-majority needs CP members (cp-members 3-7)");
        }
        positive("nemesis.interval-seconds", nemesisInterval);
        nemesisSizes = List.copyOf(nemesisSizes == null ? List.of() : nemesisSizes);
        int previous = members;
        for (int i = 0; i < nemesisSizes.size(); i++) {
            int size = nemesisSizes.get(i);
            if (size <= previous || size > MAX_MEMBERS) {
                throw new InvalidSpecException("nemesis.sizes[" + i + "]", size, "sizes must grow from members ("
                        + members + ") strictly, up to " + MAX_MEMBERS);
            }
            previous = size;
        }
        if (nemesis.name().equals("join") && nemesisSizes.isEmpty() && members + 4 > MAX_MEMBERS) {
            throw new InvalidSpecException("nemesis.sizes", "[]", "the default sizes (members + 1, + 2, + 4) exceed "
                    + MAX_MEMBERS + "; list the sizes");
        }
        positive("nemesis.settle-seconds", settleLimit);
        positive("nemesis.pause-seconds", pauseFor);
        positive("duration-seconds", duration);
        if (duration.compareTo(Duration.ofHours(1)) > 0) {
            throw new InvalidSpecException("duration-seconds", duration.toSeconds(), "must be at most 3600");
        }
        range("clients", clients, 1, 64);
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new InvalidSpecException("rate", rate, "must be 0 (unthrottled) or a positive number of operations per second");
        }
        range("keys", keys, workload.name().equals("bank") ? 2 : 1, 1000);
        positive("safe-timeout-seconds", safeTimeout);
        if (maxNoHeartbeat == null || maxNoHeartbeat.toSeconds() < 2 || maxNoHeartbeat.toSeconds() > 600) {
            throw new InvalidSpecException("max-no-heartbeat-seconds", maxNoHeartbeat == null ? null
                    : maxNoHeartbeat.toSeconds(), "must be between 2 and 600");
        }
        if (name == null || name.isBlank()) {
            name = workload.name() + "-" + mode.id() + "-" + nemesis.name();
        }
    }

    /**
     * How the workload's maps are kept in a database ({@code store}): {@code off} (memory only), or write-through
     * or write-behind (store-write-delay-seconds 1, coalesced: the node's defaults) to the one H2 database the
     * fleet starts for the run.
     */
    public Persistence.Mode store() {
        return map.persistence().mode();
    }

    /** The largest size the cluster reaches: its initial size, the last join size, or one more under churn. */
    public int maxMembers() {
        return Math.max(members, nemesis.maxSize(members, nemesisSettings(seed)));
    }

    /** The nemesis' settings for a run with this seed. */
    public NemesisSettings nemesisSettings(long runSeed) {
        return new NemesisSettings(nemesisInterval, nemesisSizes, settleLimit, pauseFor, runSeed, partitionShape,
                partitionFor);
    }

    /**
     * A builder holding every default: in-process, 1 member, backup count 1, no nemesis, 30 s, 4 clients, seed 1,
     * 5 keys, idempotency keys on.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder seeded with this spec's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Reads a spec from a YAML file; absent keys keep their defaults, unknown keys are rejected.
     *
     * @throws InvalidSpecException on an unknown key, a value of the wrong type or a rejected value
     * @throws IOException          when the file cannot be read or is not YAML
     */
    public static ExperimentSpec fromYaml(Path file) throws IOException {
        return ExperimentSpecReader.read(file);
    }

    /** Reads a spec from YAML text; see {@link #fromYaml(Path)}. */
    public static ExperimentSpec fromYaml(Reader yaml) throws IOException {
        return ExperimentSpecReader.read(yaml);
    }

    /** The spec as YAML-spelled keys and plain values, in the order the YAML documents them (for result.json). */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("workload", workload.name());
        out.put("mode", mode.id());
        Map<String, Object> mapOut = new LinkedHashMap<>(map.configKeys());
        mapOut.remove("time-to-live-seconds");
        mapOut.keySet().removeIf(key -> key.startsWith("store-"));
        out.put("map", mapOut);
        out.put("cluster", cluster.id());
        out.put("store", store().id());
        out.put("members", members);
        out.put("cp-members", cpMembers);
        Map<String, Object> nemesisOut = new LinkedHashMap<>();
        nemesisOut.put("name", nemesis.name());
        nemesisOut.put("interval-seconds", seconds(nemesisInterval));
        nemesisOut.put("sizes", nemesisSizes);
        nemesisOut.put("settle-seconds", seconds(settleLimit));
        nemesisOut.put("pause-seconds", seconds(pauseFor));
        nemesisOut.put("shape", partitionShape.id());
        nemesisOut.put("partition-seconds", seconds(partitionFor));
        out.put("nemesis", nemesisOut);
        out.put("duration-seconds", seconds(duration));
        out.put("clients", clients);
        out.put("rate", rate);
        out.put("seed", seed);
        out.put("keys", keys);
        out.put("safe-timeout-seconds", seconds(safeTimeout));
        out.put("idempotency-keys", idempotencyKeys);
        out.put("max-no-heartbeat-seconds", seconds(maxNoHeartbeat));
        return out;
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static void range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidSpecException(field, value, "must be between " + min + " and " + max);
        }
    }

    private static void positive(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidSpecException(field, value == null ? null : value.toMillis() / 1000.0, "must be positive");
        }
    }

    /** Collects values; {@link #build()} validates them. The field initialisers are the defaults. */
    public static final class Builder {
        private String name;
        private String workload = "counter";
        private String mode = "atomic-key";
        private MapSettings map = MapSettings.DEFAULT;
        private String store;
        private String cluster = ClusterKind.IN_PROCESS.id();
        private int members = 1;
        private Integer cpMembers;
        private String nemesis = "none";
        private Duration nemesisInterval = Duration.ofSeconds(2);
        private List<Integer> nemesisSizes = new ArrayList<>();
        private Duration settleLimit = Duration.ofSeconds(30);
        private Duration pauseFor = Duration.ofSeconds(15);
        private String partitionShape = PartitionShape.ISOLATE_ONE.id();
        private Duration partitionFor = Duration.ofSeconds(20);
        private Duration duration = Duration.ofSeconds(30);
        private int clients = 4;
        private double rate = 0;
        private long seed = 1;
        private int keys = 5;
        private Duration safeTimeout = Duration.ofSeconds(60);
        private boolean idempotencyKeys = true;
        private Duration maxNoHeartbeat = Duration.ofSeconds(10);

        private Builder() {
        }

        private Builder(ExperimentSpec s) {
            name = s.name;
            workload = s.workload.name();
            mode = s.mode.id();
            map = s.map;
            store = s.store().id();
            cluster = s.cluster.id();
            members = s.members;
            cpMembers = s.cpMembers;
            nemesis = s.nemesis.name();
            nemesisInterval = s.nemesisInterval;
            nemesisSizes = new ArrayList<>(s.nemesisSizes);
            settleLimit = s.settleLimit;
            pauseFor = s.pauseFor;
            partitionShape = s.partitionShape.id();
            partitionFor = s.partitionFor;
            duration = s.duration;
            clients = s.clients;
            rate = s.rate;
            seed = s.seed;
            keys = s.keys;
            safeTimeout = s.safeTimeout;
            idempotencyKeys = s.idempotencyKeys;
            maxNoHeartbeat = s.maxNoHeartbeat;
        }

        /** A label for reports. Default {@code workload-mode-nemesis}. */
        public Builder name(String value) {
            name = value;
            return this;
        }

        /** The workload name. Default {@code counter}. */
        public Builder workload(String value) {
            workload = value;
            return this;
        }

        /** The guarantee mode id. Default {@code atomic-key}. */
        public Builder mode(String value) {
            mode = value;
            return this;
        }

        /** Replication of the workload's maps. Default one synchronous backup. */
        public Builder map(MapSettings value) {
            map = value;
            return this;
        }

        /**
         * {@code off}, {@code write-through} or {@code write-behind}: the persistence of the workload's maps (see
         * {@link ExperimentSpec#store()}); null keeps what {@link #map} says. Default null (off).
         */
        public Builder store(String value) {
            store = value;
            return this;
        }

        /** {@code in-process} or {@code processes}. Default {@code in-process}. */
        public Builder cluster(String value) {
            cluster = value;
            return this;
        }

        /** Where the members run. Default {@link ClusterKind#IN_PROCESS}. */
        public Builder cluster(ClusterKind value) {
            cluster = value == null ? null : value.id();
            return this;
        }

        /** Members to start with. Default 1. */
        public Builder members(int value) {
            members = value;
            return this;
        }

        /** CP member count; null derives it from the mode (3 for cp, else 0). Default derived. */
        public Builder cpMembers(Integer value) {
            cpMembers = value;
            return this;
        }

        /** The nemesis name. Default {@code none}. */
        public Builder nemesis(String value) {
            nemesis = value;
            return this;
        }

        /** Time between faults. Default 2 s. */
        public Builder nemesisInterval(Duration value) {
            nemesisInterval = value;
            return this;
        }

        /** Sizes the join nemesis grows through. Default empty (initial + 1, + 2, + 4). */
        public Builder nemesisSizes(List<Integer> value) {
            nemesisSizes = value == null ? new ArrayList<>() : new ArrayList<>(value);
            return this;
        }

        /** Longest wait for safety after a fault. Default 30 s. */
        public Builder settleLimit(Duration value) {
            settleLimit = value;
            return this;
        }

        /** How long the pause nemesis keeps a node stopped. Default 15 s. */
        public Builder pauseFor(Duration value) {
            pauseFor = value;
            return this;
        }

        /** The sides of each cut of the partition nemesis: isolate-one, halves or bridge. Default isolate-one. */
        public Builder partitionShape(String value) {
            partitionShape = value;
            return this;
        }

        /** How long the partition nemesis keeps the sides apart. Default 20 s (twice a node's failure detector). */
        public Builder partitionFor(Duration value) {
            partitionFor = value;
            return this;
        }

        /** How long clients and nemesis run. Default 30 s. */
        public Builder duration(Duration value) {
            duration = value;
            return this;
        }

        /** Client worker threads. Default 4. */
        public Builder clients(int value) {
            clients = value;
            return this;
        }

        /** Total operations per second; 0 unthrottled. Default 0. */
        public Builder rate(double value) {
            rate = value;
            return this;
        }

        /** The seed. Default 1. */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** Registers or accounts. Default 5. */
        public Builder keys(int value) {
            keys = value;
            return this;
        }

        /** Longest wait for safety after healing. Default 60 s. */
        public Builder safeTimeout(Duration value) {
            safeTimeout = value;
            return this;
        }

        /** Whether the HTTP client sends {@code Idempotency-Key} with writes. Default true. */
        public Builder idempotencyKeys(boolean value) {
            idempotencyKeys = value;
            return this;
        }

        /** How long nodes keep a silent member (processes). Default 10 s, a node's own default. */
        public Builder maxNoHeartbeat(Duration value) {
            maxNoHeartbeat = value;
            return this;
        }

        /** Resolves the names (each rejected one names its field), validates and builds. */
        public ExperimentSpec build() {
            Workload w;
            try {
                w = Workloads.byName(workload);
            } catch (IllegalArgumentException e) {
                throw new InvalidSpecException("workload", workload, "must be one of " + Workloads.names());
            }
            GuaranteeMode m = MODES.contains(mode) ? GuaranteeMode.fromId(mode) : null;
            if (m == null) {
                throw new InvalidSpecException("mode", mode, "must be one of " + MODES);
            }
            ClusterKind kind = ClusterKind.fromId(cluster);
            if (kind == null) {
                throw new InvalidSpecException("cluster", cluster, "must be one of " + ClusterKind.ids());
            }
            Nemesis n;
            try {
                n = Nemeses.byName(nemesis);
            } catch (IllegalArgumentException e) {
                throw new InvalidSpecException("nemesis.name", nemesis, "must be one of " + Nemeses.names());
            }
            PartitionShape shape;
            try {
                shape = PartitionShape.byId(partitionShape);
            } catch (IllegalArgumentException e) {
                throw new InvalidSpecException("nemesis.shape", partitionShape, "must be one of " + PartitionShape.ids());
            }
            MapSettings maps = map;
            if (store != null && maps != null) {
                Persistence.Mode storeMode = Persistence.Mode.fromId(store);
                if (storeMode == null) {
                    throw new InvalidSpecException("store", store, "must be one of " + Persistence.Mode.ids());
                }
                maps = maps.withPersistence(maps.persistence().withMode(storeMode));
            }
            int cp = cpMembers != null ? cpMembers : m == GuaranteeMode.CP ? 3 : 0;
            return new ExperimentSpec(name, w, m, maps, kind, members, cp, n, nemesisInterval, nemesisSizes,
                    settleLimit, pauseFor, shape, partitionFor, duration, clients, rate, seed, keys, safeTimeout, idempotencyKeys,
                    maxNoHeartbeat);
        }
    }
}

package dev.flotilla.grid;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Everything a grid member needs to start: immutable, validated, built by {@link #builder()} or read from YAML.
 *
 * <p>Every default lives in {@link Builder}'s field initialisers and nowhere else; {@code config/README.md}
 * documents each key. YAML keys are the kebab-case names shown on each component (for example
 * {@code map-defaults.backup-count}); {@link #fromYaml(Path)} rejects unknown keys so a typo cannot pass silently.
 *
 * @param clusterName                  members join only members with the same name
 * @param bindAddress                  the one local address the member binds to (and advertises, unless
 *                                     {@code publicAddress} is set)
 * @param publicAddress                the address other members and clients are told to use ({@code host} or
 *                                     {@code host:port}) when it differs from the bind address (NAT, port
 *                                     mapping); null: the bind address and port
 * @param port                         the member port
 * @param portAutoIncrement            try the next ports (up to 100) when {@code port} is taken; off by default,
 *                                     so a member whose port is taken fails to start instead of joining whatever
 *                                     listens on the ports after it
 * @param members                      {@code host:port} addresses to join through (TCP/IP join; multicast is off)
 * @param partitionCount               number of partitions; every member of a cluster must agree
 * @param mapDefaults                  settings of every map without settings of its own: replication, expiry,
 *                                     merge policy, split-brain protection
 * @param maps                         per-map settings by exact map name
 * @param cpMemberCount                members that take part in the Raft-based CP Subsystem: 0 (CP calls run in
 *                                     unsafe mode, without Raft) or 3 to 7
 * @param cpFailOnIndeterminateState   fail an in-flight CP call whose outcome is unknown instead of retrying it
 *                                     (a retry may apply it twice)
 * @param cpLeaderElectionTimeout      Raft leader election timeout
 * @param cpLeaderHeartbeatPeriod      Raft leader heartbeat period
 * @param heartbeatInterval            member heartbeat period (whole seconds)
 * @param maxNoHeartbeat               a member silent for this long is suspected and removed (whole seconds)
 * @param hazelcastConfig              a native Hazelcast YAML or XML config file to start from; every other field
 *                                     is applied on top of it, {@code properties} last; null: none
 * @param properties                   Hazelcast properties passed as they are, for what no field covers
 * @param clientProtocol               whether the member port also serves Hazelcast's native client protocol;
 *                                     off by default: members bind a member-only endpoint, so whoever guesses the
 *                                     cluster name cannot read or write the maps with a Hazelcast client
 * @param memberSecret                 a secret shared by the cluster's nodes (at least 16 characters) with which
 *                                     each member signs its address in a member attribute, so members can tell a
 *                                     member that does not know it; null: members carry an unsigned marker only.
 *                                     It is never printed: {@link #toString()} hides it
 * @param store                        the database of persistent maps ({@link MapSettings#persistence()});
 *                                     {@link StoreSettings#NONE} when no map is persistent
 */
public record GridConfig(
        String clusterName,
        String bindAddress,
        String publicAddress,
        int port,
        boolean portAutoIncrement,
        List<String> members,
        int partitionCount,
        MapSettings mapDefaults,
        Map<String, MapSettings> maps,
        int cpMemberCount,
        boolean cpFailOnIndeterminateState,
        Duration cpLeaderElectionTimeout,
        Duration cpLeaderHeartbeatPeriod,
        Duration heartbeatInterval,
        Duration maxNoHeartbeat,
        Path hazelcastConfig,
        Map<String, String> properties,
        boolean clientProtocol,
        String memberSecret,
        StoreSettings store) {

    private static final Pattern CLUSTER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern MEMBER_ADDRESS = Pattern.compile("[A-Za-z0-9_.:\\[\\]-]+(:\\d{1,5})?");

    /** Validates every field; a rejected value throws {@link InvalidConfigException} naming the field. */
    public GridConfig {
        clusterName = Checks.notBlank("cluster-name", clusterName);
        if (!CLUSTER_NAME.matcher(clusterName).matches()) {
            throw new InvalidConfigException("cluster-name", clusterName,
                    "must be 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit");
        }
        bindAddress = Checks.notBlank("bind-address", bindAddress);
        if (publicAddress != null) {
            publicAddress = publicAddress.strip();
            if (!MEMBER_ADDRESS.matcher(publicAddress).matches()) {
                throw new InvalidConfigException("public-address", publicAddress, "must be host or host:port");
            }
        }
        Checks.range("port", port, 1, 65535);
        members = List.copyOf(members == null ? List.of() : members);
        for (int i = 0; i < members.size(); i++) {
            String member = members.get(i);
            if (member == null || !MEMBER_ADDRESS.matcher(member).matches()) {
                throw new InvalidConfigException("members[" + i + "]", member, "must be host or host:port");
            }
        }
        Checks.range("partition-count", partitionCount, 1, 10_000);
        if (mapDefaults == null) {
            throw new InvalidConfigException("map-defaults", null, "must be set");
        }
        mapDefaults.validated("map-defaults");
        maps = Map.copyOf(maps == null ? Map.of() : maps);
        maps.forEach((name, settings) -> {
            if (settings == null) {
                throw new InvalidConfigException("maps." + name, null, "must be set");
            }
            settings.validated("maps." + name);
        });
        if (cpMemberCount != 0) {
            Checks.range("cp.member-count", cpMemberCount, 3, 7);
        }
        positive("cp.leader-election-timeout-millis", cpLeaderElectionTimeout);
        positive("cp.leader-heartbeat-period-millis", cpLeaderHeartbeatPeriod);
        positive("failure-detection.heartbeat-interval-seconds", heartbeatInterval);
        positive("failure-detection.max-no-heartbeat-seconds", maxNoHeartbeat);
        if (heartbeatInterval.toSeconds() < 1) {
            throw new InvalidConfigException("failure-detection.heartbeat-interval-seconds", heartbeatInterval.toMillis() / 1000.0,
                    "Hazelcast counts heartbeats in whole seconds: must be at least 1");
        }
        if (maxNoHeartbeat.compareTo(heartbeatInterval) <= 0) {
            throw new InvalidConfigException("failure-detection.max-no-heartbeat-seconds", maxNoHeartbeat.toSeconds(),
                    "must be longer than failure-detection.heartbeat-interval-seconds (" + heartbeatInterval.toSeconds() + ")");
        }
        toleranceOutlastsHeartbeat("map-defaults", mapDefaults, heartbeatInterval);
        for (Map.Entry<String, MapSettings> map : maps.entrySet()) {
            toleranceOutlastsHeartbeat("maps." + map.getKey(), map.getValue(), heartbeatInterval);
        }
        if (hazelcastConfig != null) {
            if (!hazelcastConfig.toString().matches("(?i).*\\.(ya?ml|xml)")) {
                throw new InvalidConfigException("hazelcast-config", hazelcastConfig.toString(),
                        "must name a .yaml, .yml or .xml file");
            }
            if (!Files.isReadable(hazelcastConfig)) {
                throw new InvalidConfigException("hazelcast-config", hazelcastConfig.toString(),
                        "no such readable file (relative paths start at the working directory "
                                + Path.of("").toAbsolutePath() + ")");
            }
        }
        properties = Map.copyOf(properties == null ? Map.of() : properties);
        if (memberSecret != null && memberSecret.strip().length() < 16) {
            // The value is a secret: the error names the key and the rule, never the value.
            throw new InvalidConfigException("member-secret", "(hidden)", "must be at least 16 characters");
        }
        store = Checks.notNull("store.url", store).validated();
        if (!store.configured()) {
            if (mapDefaults.persistence().enabled()) {
                throw new InvalidConfigException("map-defaults.store-mode", mapDefaults.persistence().mode().id(),
                        "needs a database: set store.url");
            }
            for (Map.Entry<String, MapSettings> map : maps.entrySet()) {
                if (map.getValue().persistence().enabled()) {
                    throw new InvalidConfigException("maps." + map.getKey() + ".store-mode",
                            map.getValue().persistence().mode().id(), "needs a database: set store.url");
                }
            }
        }
        if (memberSecret != null && portAutoIncrement) {
            throw new InvalidConfigException("port-auto-increment", true, "cannot be on with member-secret: a member "
                    + "signs the address it was configured with, and a port moved by auto-increment would not match");
        }
    }

    /** The fields as the record prints them, with the member secret hidden. */
    @Override
    public String toString() {
        return "GridConfig[clusterName=" + clusterName + ", bindAddress=" + bindAddress + ", publicAddress="
                + publicAddress + ", port=" + port + ", portAutoIncrement=" + portAutoIncrement + ", members=" + members
                + ", partitionCount=" + partitionCount + ", mapDefaults=" + mapDefaults + ", maps=" + maps
                + ", cpMemberCount=" + cpMemberCount + ", cpFailOnIndeterminateState=" + cpFailOnIndeterminateState
                + ", cpLeaderElectionTimeout=" + cpLeaderElectionTimeout + ", cpLeaderHeartbeatPeriod="
                + cpLeaderHeartbeatPeriod + ", heartbeatInterval=" + heartbeatInterval + ", maxNoHeartbeat="
                + maxNoHeartbeat + ", hazelcastConfig=" + hazelcastConfig + ", properties=" + properties
                + ", clientProtocol=" + clientProtocol + ", memberSecret=" + (memberSecret == null ? "none" : "(hidden)")
                + ", store=" + store + "]";
    }

    /** A builder holding every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: one member on 127.0.0.1:5701, 271 partitions, one synchronous backup, no CP members. */
    public static GridConfig defaults() {
        return builder().build();
    }

    /**
     * Every key {@link #fromProperties(Map)} and {@link #fromYaml(Path)} accept, in their kebab-case spelling, but
     * the open-ended ones: {@code maps.<name>.<setting>} (a setting of {@link #mapSettingKeys()}) and
     * {@code properties.<hazelcast property>}.
     */
    public static java.util.Set<String> keys() {
        return GridConfigReader.KEYS;
    }

    /** The settings a map takes, as in {@code map-defaults.<setting>} and {@code maps.<name>.<setting>}. */
    public static java.util.Set<String> mapSettingKeys() {
        return GridConfigReader.MAP_SETTINGS;
    }

    /** A builder seeded with this config's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Settings of the named map: its own when configured, else {@link #mapDefaults()}. */
    public MapSettings mapSettings(String mapName) {
        return maps.getOrDefault(mapName, mapDefaults);
    }

    /**
     * Reads a YAML file; keys absent from it keep their defaults.
     *
     * <p>The keys may sit at the top level or under a {@code flotilla:} section, so a grid-server node file
     * can be read as it is.
     *
     * @throws InvalidConfigException on an unknown key or a bad value
     * @throws IOException            when the file cannot be read or is not YAML
     */
    public static GridConfig fromYaml(Path file) throws IOException {
        return GridConfigReader.fromYaml(file);
    }

    /** Reads YAML from a reader; see {@link #fromYaml(Path)}. */
    public static GridConfig fromYaml(Reader yaml) throws IOException {
        return GridConfigReader.fromYaml(yaml);
    }

    /**
     * Builds a config from flattened keys (for example {@code map-defaults.backup-count -> 2}), as a framework's
     * property source supplies them; camelCase spellings are accepted too.
     *
     * @throws InvalidConfigException on an unknown key or a bad value
     */
    public static GridConfig fromProperties(Map<String, ?> flattened) {
        return GridConfigReader.fromProperties(flattened);
    }

    /** A recently-active protection whose tolerance a heartbeat period can exceed would refuse on a healthy side. */
    private static void toleranceOutlastsHeartbeat(String prefix, MapSettings settings, Duration heartbeatInterval) {
        SplitBrainProtection protection = settings.splitBrainProtection();
        if (protection.enabled() && protection.function() == SplitBrainProtection.Function.RECENTLY_ACTIVE
                && protection.tolerance().compareTo(heartbeatInterval) <= 0) {
            throw new InvalidConfigException(prefix + ".split-brain-tolerance-millis", protection.tolerance().toMillis(),
                    "must be longer than failure-detection.heartbeat-interval-seconds (" + heartbeatInterval.toSeconds()
                            + "), or every member would count as inactive between two heartbeats");
        }
    }

    private static void positive(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidConfigException(field, value, "must be positive");
        }
    }

    /** Collects values; {@link #build()} validates them all. The field initialisers are the defaults. */
    public static final class Builder {
        private String clusterName = "flotilla";
        private String bindAddress = "127.0.0.1";
        private String publicAddress = null;
        private int port = 5701;
        private boolean portAutoIncrement = false;
        private List<String> members = new ArrayList<>();
        private int partitionCount = 271;
        private MapSettings mapDefaults = MapSettings.DEFAULT;
        private Map<String, MapSettings> maps = new LinkedHashMap<>();
        private int cpMemberCount = 0;
        private boolean cpFailOnIndeterminateState = true;
        private Duration cpLeaderElectionTimeout = Duration.ofMillis(2000);
        private Duration cpLeaderHeartbeatPeriod = Duration.ofMillis(5000);
        private Duration heartbeatInterval = Duration.ofSeconds(1);
        private Duration maxNoHeartbeat = Duration.ofSeconds(10);
        private Path hazelcastConfig = null;
        private Map<String, String> properties = new LinkedHashMap<>();
        private boolean clientProtocol = false;
        private String memberSecret = null;
        private StoreSettings store = StoreSettings.NONE;

        private Builder() {
        }

        private Builder(GridConfig c) {
            clusterName = c.clusterName;
            bindAddress = c.bindAddress;
            publicAddress = c.publicAddress;
            port = c.port;
            portAutoIncrement = c.portAutoIncrement;
            members = new ArrayList<>(c.members);
            partitionCount = c.partitionCount;
            mapDefaults = c.mapDefaults;
            maps = new LinkedHashMap<>(c.maps);
            cpMemberCount = c.cpMemberCount;
            cpFailOnIndeterminateState = c.cpFailOnIndeterminateState;
            cpLeaderElectionTimeout = c.cpLeaderElectionTimeout;
            cpLeaderHeartbeatPeriod = c.cpLeaderHeartbeatPeriod;
            heartbeatInterval = c.heartbeatInterval;
            maxNoHeartbeat = c.maxNoHeartbeat;
            hazelcastConfig = c.hazelcastConfig;
            properties = new LinkedHashMap<>(c.properties);
            clientProtocol = c.clientProtocol;
            memberSecret = c.memberSecret;
            store = c.store;
        }

        /** Members join only members with the same cluster name. Default {@code flotilla}. */
        public Builder clusterName(String name) {
            this.clusterName = name;
            return this;
        }

        /** The local address to bind and advertise. Default {@code 127.0.0.1}. */
        public Builder bindAddress(String address) {
            this.bindAddress = address;
            return this;
        }

        /**
         * The address other members are told to use, {@code host} or {@code host:port}, when it is not the bind
         * address (behind NAT or a port mapping). Default none: the bind address and port.
         */
        public Builder publicAddress(String address) {
            this.publicAddress = address;
            return this;
        }

        /** The member port. Default 5701. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * Whether to try the next ports (up to 100) when {@link #port(int)} is taken. Default false: a member
         * whose port is taken fails to start.
         */
        public Builder portAutoIncrement(boolean autoIncrement) {
            this.portAutoIncrement = autoIncrement;
            return this;
        }

        /** Replaces the addresses ({@code host:port}) to join through. Default none: the member starts alone. */
        public Builder members(List<String> addresses) {
            this.members = new ArrayList<>(addresses);
            return this;
        }

        /** Adds one address ({@code host:port}) to join through. */
        public Builder member(String address) {
            this.members.add(address);
            return this;
        }

        /** The number of partitions. Default 271. */
        public Builder partitionCount(int count) {
            this.partitionCount = count;
            return this;
        }

        /** Settings of maps without settings of their own. Default {@link MapSettings#DEFAULT}. */
        public Builder mapDefaults(MapSettings settings) {
            this.mapDefaults = settings;
            return this;
        }

        /** Settings of one map by exact name. */
        public Builder map(String name, MapSettings settings) {
            this.maps.put(name, settings);
            return this;
        }

        /** CP Subsystem members: 0 (unsafe mode, no Raft) or 3 to 7. Default 0. */
        public Builder cpMemberCount(int count) {
            this.cpMemberCount = count;
            return this;
        }

        /** Fail (rather than retry) CP calls whose outcome is unknown. Default true. */
        public Builder cpFailOnIndeterminateState(boolean fail) {
            this.cpFailOnIndeterminateState = fail;
            return this;
        }

        /** Raft leader election timeout. Default 2 s. */
        public Builder cpLeaderElectionTimeout(Duration timeout) {
            this.cpLeaderElectionTimeout = timeout;
            return this;
        }

        /** Raft leader heartbeat period. Default 5 s. */
        public Builder cpLeaderHeartbeatPeriod(Duration period) {
            this.cpLeaderHeartbeatPeriod = period;
            return this;
        }

        /** Heartbeat period between members, whole seconds. Default 1 s. */
        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = interval;
            return this;
        }

        /** Silence after which a member is removed, whole seconds. Default 10 s. */
        public Builder maxNoHeartbeat(Duration timeout) {
            this.maxNoHeartbeat = timeout;
            return this;
        }

        /**
         * A native Hazelcast config file (YAML or XML, by its extension) to start from; this builder's other
         * settings are applied on top of it. Default none.
         */
        public Builder hazelcastConfig(Path file) {
            this.hazelcastConfig = file;
            return this;
        }

        /** Sets one Hazelcast property, passed as it is. */
        public Builder property(String name, String value) {
            this.properties.put(name, value);
            return this;
        }

        /**
         * Whether the member port also accepts Hazelcast's native client protocol. Default false: the port speaks
         * the member protocol only (Flotilla's clients use HTTP).
         */
        public Builder clientProtocol(boolean open) {
            this.clientProtocol = open;
            return this;
        }

        /**
         * The cluster's shared member secret (at least 16 characters), with which members sign the address they
         * announce so that a member without it is reported as unknown. Default none.
         */
        public Builder memberSecret(String secret) {
            this.memberSecret = secret;
            return this;
        }

        /** The database of persistent maps. Default {@link StoreSettings#NONE}: every map in memory only. */
        public Builder store(StoreSettings settings) {
            this.store = settings;
            return this;
        }

        /** Validates and builds. */
        public GridConfig build() {
            return new GridConfig(clusterName, bindAddress, publicAddress, port, portAutoIncrement, members,
                    partitionCount, mapDefaults, maps, cpMemberCount, cpFailOnIndeterminateState,
                    cpLeaderElectionTimeout, cpLeaderHeartbeatPeriod, heartbeatInterval, maxNoHeartbeat,
                    hazelcastConfig, properties, clientProtocol, memberSecret, store);
        }
    }
}

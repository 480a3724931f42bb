package dev.flotilla.grid.internal;

import com.hazelcast.config.AdvancedNetworkConfig;
import com.hazelcast.config.AliasedDiscoveryConfig;
import com.hazelcast.config.ServerSocketEndpointConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.config.MetadataPolicy;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.config.cp.CPSubsystemConfig;
import com.hazelcast.spi.merge.DiscardMergePolicy;
import com.hazelcast.spi.merge.HigherHitsMergePolicy;
import com.hazelcast.spi.merge.LatestUpdateMergePolicy;
import com.hazelcast.spi.merge.PassThroughMergePolicy;
import com.hazelcast.spi.merge.PutIfAbsentMergePolicy;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionOn;
import dev.flotilla.grid.GridConfig;
import dev.flotilla.grid.InvalidConfigException;
import dev.flotilla.grid.MapSettings;
import dev.flotilla.grid.MergePolicy;
import dev.flotilla.grid.Persistence;
import dev.flotilla.grid.SplitBrainProtection;
import dev.flotilla.grid.internal.store.StoreDatabase;
import dev.flotilla.grid.internal.store.StoreFactory;

import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** The one place that turns a {@link GridConfig} into a Hazelcast {@link Config}. */
public final class HazelcastConfigMapper {
    private HazelcastConfigMapper() {
    }

    /**
     * The member config: the {@code hazelcast-config} file when there is one, else Hazelcast's built-in defaults,
     * with every Flotilla key applied on top and {@code properties} last. {@code members} and
     * {@code public-address} are the two keys without a default value: unset, they leave the file's join and public
     * address as they are.
     *
     * @throws InvalidConfigException naming {@code hazelcast-config} when the file is not a Hazelcast config
     */
    public static Config toHazelcast(GridConfig grid) {
        return toHazelcast(grid, null);
    }

    /**
     * The member config, with the persistent maps stored in {@code database} (null: no map may be persistent; the
     * config has been validated to need none).
     */
    public static Config toHazelcast(GridConfig grid, StoreDatabase database) {
        Config config = grid.hazelcastConfig() == null ? new Config() : load(grid.hazelcastConfig());
        config.setClusterName(grid.clusterName());
        config.setInstanceName("flotilla-" + grid.clusterName() + "-" + UUID.randomUUID().toString().substring(0, 8));

        NetworkConfig network = config.getNetworkConfig();
        network.setPort(grid.port()).setPortAutoIncrement(grid.portAutoIncrement());
        if (grid.hazelcastConfig() == null || grid.publicAddress() != null) {
            network.setPublicAddress(grid.publicAddress());
        }
        network.getInterfaces().clear();
        network.getInterfaces().setEnabled(true).addInterface(grid.bindAddress());
        // Bind the configured address only, not every interface. Naming it as the local address also lets a member
        // bind a loopback alias such as 127.0.0.3, which Linux routes on lo without listing it on any interface
        // (interface matching alone refuses it): several members on one machine, one address each.
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.local.localAddress", grid.bindAddress());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        if (!grid.members().isEmpty() || !joinsOnItsOwn(join)) {
            // Hazelcast refuses two join methods at once: Flotilla's member list replaces the file's discovery.
            discoveries(join).forEach(discovery -> discovery.setEnabled(false));
            join.getDiscoveryConfig().getDiscoveryStrategyConfigs().clear();
            join.getTcpIpConfig().setEnabled(true).clear();
            if (grid.members().isEmpty()) {
                join.getTcpIpConfig().addMember(grid.bindAddress() + ":" + grid.port());
            } else {
                grid.members().forEach(join.getTcpIpConfig()::addMember);
            }
        }

        config.getMemberAttributeConfig().setAttribute(MemberProof.ATTRIBUTE, MemberProof.attributeFor(grid));
        AdvancedNetworkConfig advanced = config.getAdvancedNetworkConfig();
        if (grid.clientProtocol()) {
            advanced.setEnabled(false);
        } else {
            memberEndpointOnly(advanced, network);
        }

        config.setProperty("hazelcast.partition.count", Integer.toString(grid.partitionCount()));
        config.setProperty("hazelcast.heartbeat.interval.seconds", Long.toString(grid.heartbeatInterval().toSeconds()));
        config.setProperty("hazelcast.max.no.heartbeat.seconds", Long.toString(grid.maxNoHeartbeat().toSeconds()));
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");

        StoreFactory stores = database == null ? null : new StoreFactory(database);
        config.addMapConfig(mapConfig("default", grid.mapDefaults(), config, stores));
        grid.maps().forEach((name, settings) -> config.addMapConfig(mapConfig(name, settings, config, stores)));
        if (grid.store().configured()) {
            config.setProperty("hazelcast.map.write.behind.queue.capacity",
                    Integer.toString(grid.store().writeBehindQueueCapacity()));
        }

        CPSubsystemConfig cp = config.getCPSubsystemConfig();
        cp.setCPMemberCount(grid.cpMemberCount());
        if (grid.cpMemberCount() > 0) {
            cp.setGroupSize(grid.cpMemberCount() % 2 == 1 ? grid.cpMemberCount() : grid.cpMemberCount() - 1);
        }
        cp.setFailOnIndeterminateOperationState(grid.cpFailOnIndeterminateState());
        cp.getRaftAlgorithmConfig()
                .setLeaderElectionTimeoutInMillis(grid.cpLeaderElectionTimeout().toMillis())
                .setLeaderHeartbeatPeriodInMillis(grid.cpLeaderHeartbeatPeriod().toMillis());

        config.getSerializationConfig().addDataSerializableFactory(GridSerialization.FACTORY_ID, new GridSerialization());

        // Explicit properties win over everything above.
        grid.properties().forEach(config::setProperty);
        return config;
    }

    /**
     * Serves the member protocol alone on the member port: with Hazelcast's one shared socket (the default) the same
     * port also accepts native clients, which authenticate with nothing but the cluster name. The advanced network
     * config with only a member endpoint opens no client, REST or memcache socket at all; it takes over the unified
     * network settings built above, and whatever endpoints a native file configured are replaced.
     */
    private static void memberEndpointOnly(AdvancedNetworkConfig advanced, NetworkConfig network) {
        ServerSocketEndpointConfig member = new ServerSocketEndpointConfig()
                .setPort(network.getPort())
                .setPortAutoIncrement(network.isPortAutoIncrement())
                .setPublicAddress(network.getPublicAddress())
                .setInterfaces(network.getInterfaces());
        member.setReuseAddress(network.isReuseAddress());
        advanced.setEnabled(true);
        advanced.setEndpointConfigs(new java.util.HashMap<>());
        advanced.setMemberEndpointConfig(member);
        advanced.setJoin(network.getJoin());
    }

    private static Config load(Path file) {
        try {
            return Config.loadFromFile(file.toFile());
        } catch (FileNotFoundException | RuntimeException e) {
            String message = String.valueOf(e.getMessage()).strip();
            int newline = message.indexOf('\n');
            throw new InvalidConfigException("hazelcast-config", file.toString(), "not a valid Hazelcast config: "
                    + (newline < 0 ? message : message.substring(0, newline)));
        }
    }

    /** Hazelcast's built-in discoveries (cloud and Kubernetes), each enabled or not. */
    private static List<AliasedDiscoveryConfig<?>> discoveries(JoinConfig join) {
        return List.of(join.getKubernetesConfig(), join.getAwsConfig(), join.getGcpConfig(), join.getAzureConfig(),
                join.getEurekaConfig());
    }

    /** Whether a native config found members its own way: a cloud or Kubernetes discovery, a plugin, a TCP list. */
    private static boolean joinsOnItsOwn(JoinConfig join) {
        return discoveries(join).stream().anyMatch(AliasedDiscoveryConfig::isEnabled)
                || !join.getDiscoveryConfig().getDiscoveryStrategyConfigs().isEmpty()
                || join.getTcpIpConfig().isEnabled() && !join.getTcpIpConfig().getMembers().isEmpty();
    }

    /**
     * One readable line for the log: what the member will be and how it finds the others, not every default of
     * Hazelcast's several hundred settings.
     */
    public static String summary(Config config) {
        NetworkConfig network = config.getNetworkConfig();
        JoinConfig join = network.getJoin();
        List<String> joins = new ArrayList<>();
        if (join.getTcpIpConfig().isEnabled()) {
            joins.add("tcp-ip " + join.getTcpIpConfig().getMembers());
        }
        discoveries(join).stream().filter(AliasedDiscoveryConfig::isEnabled)
                .forEach(discovery -> joins.add(discovery.getTag())); // its properties may hold an API token
        join.getDiscoveryConfig().getDiscoveryStrategyConfigs()
                .forEach(strategy -> joins.add("discovery " + strategy.getClassName()));
        MapConfig defaults = config.getMapConfig("default");
        Map<String, MapConfig> maps = new TreeMap<>(config.getMapConfigs());
        maps.remove("default");
        String file = config.getConfigurationFile() == null ? "" : " from " + config.getConfigurationFile();
        return "cluster '" + config.getClusterName() + "'" + file + ": member " + network.getInterfaces().getInterfaces()
                + ":" + network.getPort() + (network.isPortAutoIncrement() ? " (port auto-increment on)" : "")
                + (network.getPublicAddress() == null ? "" : ", public address " + network.getPublicAddress())
                + ", join " + (joins.isEmpty() ? "none" : String.join(" + ", joins))
                + ", " + config.getProperty("hazelcast.partition.count") + " partitions"
                + ", maps: default backups " + defaults.getBackupCount() + "+" + defaults.getAsyncBackupCount()
                + " async, merge " + simpleName(defaults.getMergePolicyConfig().getPolicy())
                + (maps.isEmpty() ? "" : ", own settings " + maps.keySet())
                + ", CP members " + config.getCPSubsystemConfig().getCPMemberCount();
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /**
     * The map's config: the one {@code config} (a native file) already has under that name, eviction, indexes and
     * the rest kept, with Flotilla's settings on top. Its split-brain protection rule, if any, is added to
     * {@code config} under its own name.
     */
    private static MapConfig mapConfig(String name, MapSettings settings, Config config, StoreFactory stores) {
        MapConfig fromFile = config.getMapConfigs().get(name);
        MapConfig map = (fromFile == null ? new MapConfig(name) : new MapConfig(fromFile))
                .setBackupCount(settings.backupCount())
                .setAsyncBackupCount(settings.asyncBackupCount())
                .setReadBackupData(settings.readBackupData())
                .setTimeToLiveSeconds((int) Math.min(Integer.MAX_VALUE, settings.timeToLive().toSeconds()));
        map.getMergePolicyConfig().setPolicy(mergePolicyClass(settings.mergePolicy()));
        if (fromFile == null) {
            // Hazelcast parses every HazelcastJsonValue written to build metadata for queries on its fields, on the
            // partition thread; documents are reached by key only. A map from a native file keeps the file's choice.
            map.setMetadataPolicy(MetadataPolicy.OFF);
        }
        // latest-update and higher-hits compare per-entry statistics (last update time, hits). Hazelcast 5.4 checks
        // every map config when a member starts and refuses to start one that names them without per-entry
        // statistics (InvalidConfigurationException: "requires the merge type ... MergingLastUpdateTime").
        map.setPerEntryStatsEnabled(needsPerEntryStats(settings.mergePolicy()));
        if (settings.persistence().enabled()) {
            if (stores == null) {
                throw new IllegalStateException("map '" + name + "' is persistent but the member has no database");
            }
            map.setMapStoreConfig(mapStoreConfig(settings.persistence(), stores));
        }
        SplitBrainProtection protection = settings.splitBrainProtection();
        if (protection.enabled()) {
            // Maps with equal protection share one rule: same settings, same name, same config.
            SplitBrainProtectionConfig rule = splitBrainProtectionConfig(protection);
            config.addSplitBrainProtectionConfig(rule);
            map.setSplitBrainProtectionName(rule.getName());
        }
        return map;
    }

    /**
     * Hazelcast's store settings for a persistent map. Write-through is a write delay of 0 to Hazelcast. The store
     * calls run offloaded (Hazelcast's default), off the partition threads, so a slow database slows the writes of
     * persistent maps only.
     */
    static MapStoreConfig mapStoreConfig(Persistence persistence, StoreFactory stores) {
        boolean behind = persistence.mode() == Persistence.Mode.WRITE_BEHIND;
        return new MapStoreConfig().setEnabled(true)
                .setFactoryImplementation(stores)
                .setWriteDelaySeconds(behind ? (int) persistence.writeDelay().toSeconds() : 0)
                .setWriteBatchSize(persistence.writeBatchSize())
                .setWriteCoalescing(persistence.writeCoalescing())
                .setInitialLoadMode(persistence.initialLoad() == Persistence.InitialLoad.EAGER
                        ? MapStoreConfig.InitialLoadMode.EAGER : MapStoreConfig.InitialLoadMode.LAZY)
                .setOffload(true);
    }

    static String mergePolicyClass(MergePolicy policy) {
        return switch (policy) {
            case PUT_IF_ABSENT -> PutIfAbsentMergePolicy.class.getName();
            case PASS_THROUGH -> PassThroughMergePolicy.class.getName();
            case LATEST_UPDATE -> LatestUpdateMergePolicy.class.getName();
            case HIGHER_HITS -> HigherHitsMergePolicy.class.getName();
            case DISCARD -> DiscardMergePolicy.class.getName();
            case UNION -> UnionMergePolicy.class.getName();
        };
    }

    static boolean needsPerEntryStats(MergePolicy policy) {
        return policy == MergePolicy.LATEST_UPDATE || policy == MergePolicy.HIGHER_HITS;
    }

    /**
     * The Hazelcast rule for one protection setting, named after what it does, for example
     * {@code flotilla-member-count-3-read-write} or {@code flotilla-recently-active-3-5000ms-write}: the tolerance is
     * part of the name only where it counts.
     */
    static SplitBrainProtectionConfig splitBrainProtectionConfig(SplitBrainProtection protection) {
        int tolerance = (int) protection.tolerance().toMillis();
        SplitBrainProtectionConfig rule = switch (protection.function()) {
            case MEMBER_COUNT -> new SplitBrainProtectionConfig(
                    "flotilla-member-count-" + protection.minSize() + "-" + protection.protectOn().id(), true,
                    protection.minSize());
            case RECENTLY_ACTIVE -> SplitBrainProtectionConfig.newRecentlyActiveSplitBrainProtectionConfigBuilder(
                            "flotilla-recently-active-" + protection.minSize() + "-" + tolerance + "ms-"
                                    + protection.protectOn().id(), protection.minSize(), tolerance)
                    .enabled(true).build();
        };
        return rule.setProtectOn(switch (protection.protectOn()) {
            case READ_WRITE -> SplitBrainProtectionOn.READ_WRITE;
            case WRITE -> SplitBrainProtectionOn.WRITE;
            case READ -> SplitBrainProtectionOn.READ;
        });
    }
}

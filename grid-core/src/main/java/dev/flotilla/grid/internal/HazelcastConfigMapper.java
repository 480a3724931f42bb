package dev.flotilla.grid.internal;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.config.cp.CPSubsystemConfig;
import dev.flotilla.grid.GridConfig;
import dev.flotilla.grid.MapSettings;

import java.util.UUID;

/** The one place that turns a {@link GridConfig} into a Hazelcast {@link Config}. */
public final class HazelcastConfigMapper {
    /** Split-brain protection rule attached to every map when a minimum size is configured. */
    public static final String SPLIT_BRAIN_PROTECTION = "flotilla-min-cluster-size";

    private HazelcastConfigMapper() {
    }

    public static Config toHazelcast(GridConfig grid) {
        Config config = new Config();
        config.setClusterName(grid.clusterName());
        config.setInstanceName("flotilla-" + grid.clusterName() + "-" + UUID.randomUUID().toString().substring(0, 8));

        NetworkConfig network = config.getNetworkConfig();
        network.setPort(grid.port()).setPortAutoIncrement(grid.portAutoIncrement());
        network.setPublicAddress(null);
        network.getInterfaces().setEnabled(true).addInterface(grid.bindAddress());
        // Bind the configured address only, not every interface. Naming it as the local address also lets a member
        // bind a loopback alias such as 127.0.0.3, which Linux routes on lo without listing it on any interface
        // (interface matching alone refuses it): several members on one machine, one address each.
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.local.localAddress", grid.bindAddress());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true);
        if (grid.members().isEmpty()) {
            join.getTcpIpConfig().addMember(grid.bindAddress() + ":" + grid.port());
        } else {
            grid.members().forEach(join.getTcpIpConfig()::addMember);
        }

        config.setProperty("hazelcast.partition.count", Integer.toString(grid.partitionCount()));
        config.setProperty("hazelcast.heartbeat.interval.seconds", Long.toString(grid.heartbeatInterval().toSeconds()));
        config.setProperty("hazelcast.max.no.heartbeat.seconds", Long.toString(grid.maxNoHeartbeat().toSeconds()));
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");

        if (grid.splitBrainProtectionMinSize() > 0) {
            config.addSplitBrainProtectionConfig(new SplitBrainProtectionConfig(SPLIT_BRAIN_PROTECTION, true,
                    grid.splitBrainProtectionMinSize()));
        }
        config.addMapConfig(mapConfig("default", grid.mapDefaults(), grid));
        grid.maps().forEach((name, settings) -> config.addMapConfig(mapConfig(name, settings, grid)));

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

    private static MapConfig mapConfig(String name, MapSettings settings, GridConfig grid) {
        MapConfig map = new MapConfig(name)
                .setBackupCount(settings.backupCount())
                .setAsyncBackupCount(settings.asyncBackupCount())
                .setReadBackupData(settings.readBackupData())
                .setTimeToLiveSeconds((int) Math.min(Integer.MAX_VALUE, settings.timeToLive().toSeconds()));
        if (grid.splitBrainProtectionMinSize() > 0) {
            map.setSplitBrainProtectionName(SPLIT_BRAIN_PROTECTION);
        }
        return map;
    }
}

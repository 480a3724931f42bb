package dev.flotilla.bench.ceiling;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.flotilla.bench.peer.HazelcastRestPeer;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * The member of the bare case, started only when {@code bench.bare.cluster-name} is set: one Hazelcast member in
 * the ceiling's process, on {@code bench.bare.host}:{@code bench.bare.port}, map {@code bench} preloaded as the
 * peer's is.
 */
@Factory
@Requires(property = "bench.bare.cluster-name")
public class BareGrid {
    @Singleton
    @Bean(preDestroy = "shutdown")
    HazelcastInstance member(@Property(name = "bench.bare.cluster-name") String clusterName,
                             @Property(name = "bench.bare.host") String host,
                             @Property(name = "bench.bare.port") int port,
                             @Property(name = "bench.bare.keys") int keys,
                             @Property(name = "bench.bare.bytes") int bytes) {
        Config config = new Config().setClusterName(clusterName);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.local.localAddress", host);
        config.getNetworkConfig().setPort(port).setPortAutoIncrement(false).getInterfaces().setEnabled(true).addInterface(host);
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
        HazelcastRestPeer.preload(member.getMap("bench"), keys, bytes);
        return member;
    }
}

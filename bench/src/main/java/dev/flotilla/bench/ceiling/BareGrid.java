package dev.flotilla.bench.ceiling;

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
        HazelcastInstance member = Hazelcast.newHazelcastInstance(HazelcastRestPeer.loneMember(clusterName, host, port));
        HazelcastRestPeer.preload(member.getMap("bench"), keys, bytes);
        return member;
    }
}

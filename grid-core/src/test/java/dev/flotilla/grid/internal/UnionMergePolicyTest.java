package dev.flotilla.grid.internal;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.map.impl.MapService;
import com.hazelcast.map.impl.SimpleEntryView;
import com.hazelcast.map.impl.operation.MergeOperation;
import com.hazelcast.spi.impl.NodeEngine;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import com.hazelcast.spi.impl.merge.MergingValueFactory;
import com.hazelcast.spi.merge.SplitBrainMergePolicy;
import com.hazelcast.spi.merge.SplitBrainMergePolicyProvider;
import com.hazelcast.spi.merge.SplitBrainMergeTypes.MapMergeTypes;
import dev.flotilla.grid.Grid;
import dev.flotilla.grid.MapSettings;
import dev.flotilla.grid.MergePolicy;
import dev.flotilla.grid.fixture.GridCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The union policy on real members: the instance Hazelcast makes from the configured class name, merging values
 * made the way Hazelcast makes them, and a merge operation sent to another member as a healing split sends it.
 */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnionMergePolicyTest {
    private static final String SETS = "sets";
    private static final String PLAIN = "plain";

    private final GridCluster cluster = GridCluster.create(b -> b
            .map(SETS, MapSettings.DEFAULT.withMergePolicy(MergePolicy.UNION)));
    private HazelcastInstance first;
    private HazelcastInstance second;
    private SerializationService serialization;
    private SplitBrainMergePolicy<Object, MapMergeTypes<Object, Object>, Object> union;

    @BeforeAll
    @SuppressWarnings("unchecked")
    void start() {
        List<Grid> grids = cluster.startMembers(2);
        cluster.awaitSafe();
        first = grids.get(0).hazelcast();
        second = grids.get(1).hazelcast();
        serialization = ((SerializationServiceSupport) first).getSerializationService();
        union = policyNamedIn(SETS);
    }

    @AfterAll
    void stop() {
        try {
            cluster.assertHealthy();
        } finally {
            cluster.close();
        }
    }

    @Test
    void configuredClassName_hazelcastsProvider_makesTheUnionPolicy() {
        assertThat(union).isInstanceOf(UnionMergePolicy.class);
    }

    @Test
    void merge_bothSidesBuckets_sortedUnionWithoutDuplicates() {
        assertThat(merged(union, new long[]{1, 4, 9}, new long[]{2, 4, 10})).isEqualTo(new long[]{1, 2, 4, 9, 10});
        assertThat(merged(union, new long[]{9, 1, 1}, new long[]{3})).isEqualTo(new long[]{1, 3, 9});
        assertThat(merged(union, new long[]{}, new long[]{7})).isEqualTo(new long[]{7});
    }

    @Test
    void merge_destinationAbsent_addsTheMergingValue() {
        assertThat(serialization.<Object>toObject(union.merge(entry("k", new long[]{5}), null))).isEqualTo(new long[]{5});
        assertThat(serialization.<Object>toObject(union.merge(entry("k", "text"), null))).isEqualTo("text");
    }

    @Test
    void merge_notBothBuckets_keepsTheDestinationValue() {
        HazelcastJsonValue merging = new HazelcastJsonValue("{\"version\":2,\"value\":[1,2]}");
        HazelcastJsonValue existing = new HazelcastJsonValue("{\"version\":5,\"value\":[3]}");
        assertThat(merged(union, merging, existing)).isEqualTo(existing);
        assertThat(merged(union, new long[]{1}, 7L)).isEqualTo(7L);
        assertThat(merged(union, 7L, new long[]{1})).isEqualTo(new long[]{1});
        assertThat(merged(union, new int[]{1}, new int[]{2})).isEqualTo(new int[]{2});
    }

    @Test
    void policy_serialized_roundTripsThroughGridSerialization() {
        Data data = serialization.toData(union);

        assertThat(serialization.<Object>toObject(data)).isInstanceOf(UnionMergePolicy.class);
        UnionMergePolicy<?, ?> policy = (UnionMergePolicy<?, ?>) union;
        assertThat(policy.getFactoryId()).isEqualTo(GridSerialization.FACTORY_ID);
        assertThat(new GridSerialization().create(policy.getClassId())).isInstanceOf(UnionMergePolicy.class);
    }

    @Test
    void mergeOperation_sentToTheOwningMember_storesTheUnionUnderUnionOnly() {
        String key = keyOwnedBy(second.getCluster().getLocalMember());
        first.<String, long[]>getMap(SETS).put(key, new long[]{1, 3});
        first.<String, long[]>getMap(PLAIN).put(key, new long[]{1, 3});

        runMerge(SETS, key, new long[]{2, 3, 5});
        runMerge(PLAIN, key, new long[]{2, 3, 5});
        runMerge(SETS, key + "-new", new long[]{8});

        assertThat(first.<String, long[]>getMap(SETS).get(key)).isEqualTo(new long[]{1, 2, 3, 5});
        assertThat(second.<String, long[]>getMap(SETS).get(key)).isEqualTo(new long[]{1, 2, 3, 5});
        assertThat(first.<String, long[]>getMap(SETS).get(key + "-new")).isEqualTo(new long[]{8});
        // The default put-if-absent keeps the destination's bucket: element 2 and 5 are lost.
        assertThat(first.<String, long[]>getMap(PLAIN).get(key)).isEqualTo(new long[]{1, 3});
    }

    /**
     * What Hazelcast does for each entry of a merging member after a split heals: a {@link MergeOperation} with the
     * map's policy, invoked on the key's partition owner (here always {@code second}, so it is serialized).
     */
    private void runMerge(String map, String key, long[] mergingValue) {
        NodeEngine engine = ((HazelcastInstanceProxy) first).getOriginal().node.getNodeEngine();
        MergeOperation operation = new MergeOperation(map, List.of(entry(key, mergingValue)), policyNamedIn(map), false);
        engine.getOperationService().invokeOnPartition(MapService.SERVICE_NAME, operation,
                first.getPartitionService().getPartition(key).getPartitionId()).join();
    }

    @SuppressWarnings("unchecked")
    private SplitBrainMergePolicy<Object, MapMergeTypes<Object, Object>, Object> policyNamedIn(String map) {
        String className = first.getConfig().getMapConfig(map).getMergePolicyConfig().getPolicy();
        return new SplitBrainMergePolicyProvider(getClass().getClassLoader()).getMergePolicy(className);
    }

    private String keyOwnedBy(Member member) {
        return IntStream.range(0, 1000).mapToObj(i -> "bucket-" + i)
                .filter(k -> member.equals(first.getPartitionService().getPartition(k).getOwner()))
                .findFirst().orElseThrow();
    }

    private Object merged(SplitBrainMergePolicy<Object, MapMergeTypes<Object, Object>, Object> policy,
                          Object merging, Object existing) {
        return serialization.toObject(policy.merge(entry("k", merging), entry("k", existing)));
    }

    private MapMergeTypes<Object, Object> entry(String key, Object value) {
        return MergingValueFactory.createMergingEntry(serialization,
                new SimpleEntryView<>(serialization.toData(key), serialization.toData(value)));
    }
}

package dev.flotilla.grid.internal;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import dev.flotilla.grid.Grid;
import dev.flotilla.grid.fixture.GridCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hazelcast re-sends an entry processor whose owner died (or moved) before answering; these tests send the same
 * processor instance twice, as such a retry does, and check that it is recognised.
 */
@Timeout(60)
class VersionedWriteRetryTest {
    private static GridCluster cluster;
    private static IMap<String, HazelcastJsonValue> map;

    @BeforeAll
    static void start() {
        cluster = GridCluster.create();
        Grid grid = cluster.startMember();
        grid.map("retries");
        map = grid.hazelcast().getMap("retries");
    }

    @AfterAll
    static void stop() {
        try {
            cluster.assertHealthy();
        } finally {
            cluster.close();
        }
    }

    @Test
    void put_sameProcessorTwice_appliedOnce() {
        VersionedWrite put = new VersionedWrite("{\"n\":1}", VersionedWrite.ANY_VERSION, 0);

        assertThat(map.executeOnKey("put", put)).isEqualTo(1L);
        assertThat(map.executeOnKey("put", put)).as("the retry answers the version it wrote").isEqualTo(1L);
        assertThat(Envelope.version(map.get("put"))).isEqualTo(1L);
        assertThat(Envelope.document(map.get("put"))).isEqualTo("{\"n\":1}");
    }

    @Test
    void compareAndSet_sameProcessorTwice_secondIsNotAMismatch() {
        map.executeOnKey("cas", new VersionedWrite("1", VersionedWrite.ANY_VERSION, 0));
        VersionedWrite cas = new VersionedWrite("2", 1, 0);

        assertThat(map.executeOnKey("cas", cas)).isEqualTo(2L);
        assertThat(map.executeOnKey("cas", cas)).isEqualTo(2L);
        assertThat(map.executeOnKey("cas", new VersionedWrite("3", 1, 0)))
                .as("another writer's stale compare-and-set still fails").isEqualTo(-2L);
        assertThat(Envelope.version(map.get("cas"))).isEqualTo(2L);
    }

    @Test
    void put_retryAfterAnotherWrite_appliedAgain() {
        VersionedWrite first = new VersionedWrite("\"a\"", VersionedWrite.ANY_VERSION, 0);
        map.executeOnKey("interleaved", first);
        map.executeOnKey("interleaved", new VersionedWrite("\"b\"", VersionedWrite.ANY_VERSION, 0));

        assertThat(map.executeOnKey("interleaved", first))
                .as("only the latest write's id is kept: a late retry writes again (documented limit)").isEqualTo(3L);
    }

    @Test
    void envelope_operationIdWithLeadingZeros_roundTrips() {
        HazelcastJsonValue stored = Envelope.wrap(7, 0x00ab_cdefL, "{\"x\":[1,2]}");

        assertThat(stored.getValue()).isEqualTo("{\"version\":7,\"op\":\"0000000000abcdef\",\"value\":{\"x\":[1,2]}}");
        assertThat(Envelope.version(stored)).isEqualTo(7);
        assertThat(Envelope.operationId(stored)).isEqualTo(0xabcdefL);
        assertThat(Envelope.document(stored)).isEqualTo("{\"x\":[1,2]}");
        assertThat(Envelope.operationId(Envelope.wrap(1, -1L, "1"))).isEqualTo(-1L);
    }
}

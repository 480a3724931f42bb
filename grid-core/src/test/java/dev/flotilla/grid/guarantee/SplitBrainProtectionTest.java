package dev.flotilla.grid.guarantee;

import com.hazelcast.core.HazelcastInstance;
import dev.flotilla.grid.Grid;
import dev.flotilla.grid.GridFailure;
import dev.flotilla.grid.MapSettings;
import dev.flotilla.grid.SplitBrainProtection;
import dev.flotilla.grid.fixture.GridCluster;
import dev.flotilla.grid.map.TxOperation;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.flotilla.grid.guarantee.FamilyChecks.assertDefinite;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Split-brain protection with a minimum of three members, on a cluster of two (every protected operation refused,
 * definite {@code no-quorum}) and then of three (accepted). Two members stand for the smaller side of a split: the
 * check is the same, and no network partition is needed to make it.
 */
@Timeout(180)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SplitBrainProtectionTest {
    private static final SplitBrainProtection THREE = SplitBrainProtection.OFF.withMinSize(3);
    private static final String RECENT = "recent";
    private static final String WRITES_REFUSED = "writes-refused";

    private final GridCluster cluster = GridCluster.create(b -> b
            .mapDefaults(MapSettings.DEFAULT.withSplitBrainProtection(THREE))
            .map(RECENT, MapSettings.DEFAULT.withSplitBrainProtection(
                    THREE.withFunction(SplitBrainProtection.Function.RECENTLY_ACTIVE)))
            .map(WRITES_REFUSED, MapSettings.DEFAULT.withSplitBrainProtection(
                    THREE.withProtectOn(SplitBrainProtection.ProtectOn.WRITE))));
    private Grid grid;

    @BeforeAll
    void startTwo() {
        grid = cluster.startMembers(2).get(0);
    }

    @AfterEach
    void checkHealthy() {
        cluster.assertHealthy();
    }

    @AfterAll
    void stop() {
        cluster.close();
    }

    private Guarantees fresh(GuaranteeMode mode) {
        return Guarantees.of(mode, grid, "sb-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @Order(1)
    @ParameterizedTest
    @EnumSource(value = GuaranteeMode.class, names = {"CP", "CP_UNSAFE"}, mode = EnumSource.Mode.EXCLUDE)
    void twoMembers_everyMapModeOperation_refusedDefinitelyNoQuorum(GuaranteeMode mode) {
        Guarantees g = fresh(mode);

        assertDefinite(GridFailure.NO_QUORUM, () -> g.set().add(1));
        assertDefinite(GridFailure.NO_QUORUM, () -> g.set().readAll());
        assertDefinite(GridFailure.NO_QUORUM, () -> g.register().write("r", 1));
        assertDefinite(GridFailure.NO_QUORUM, () -> g.register().compareAndSet("r", null, 1));
        assertDefinite(GridFailure.NO_QUORUM, () -> g.counter().incrementBy(1));
        assertDefinite(GridFailure.NO_QUORUM, () -> g.accounts().open(Map.of("a", 5L, "b", 0L)));
        assertDefinite(GridFailure.NO_QUORUM, () -> g.accounts().transfer("a", "b", 1));
    }

    @Order(1)
    @Test
    void twoMembers_versionedMapAndTransactions_refusedDefinitelyNoQuorum() {
        assertDefinite(GridFailure.NO_QUORUM, () -> grid.map("docs").put("k", "{}"));
        assertDefinite(GridFailure.NO_QUORUM, () -> grid.map("docs").get("k"));
        assertDefinite(GridFailure.NO_QUORUM, () -> grid.map(RECENT).put("k", "{}"));
        for (GuaranteeMode mode : List.of(GuaranteeMode.TX_ONE_PHASE, GuaranteeMode.TX_TWO_PHASE)) {
            assertDefinite(GridFailure.NO_QUORUM,
                    () -> grid.transaction(mode, List.of(TxOperation.put("docs", "k", "{}"))));
        }
    }

    @Order(1)
    @Test
    void twoMembers_protectOnWrite_readsServedWritesRefused() {
        assertThat(grid.map(WRITES_REFUSED).get("k")).isEmpty();
        assertDefinite(GridFailure.NO_QUORUM, () -> grid.map(WRITES_REFUSED).put("k", "{}"));
    }

    /** Map protection does not reach CP structures; in unsafe mode (no CP members) Hazelcast has none for them. */
    @Order(1)
    @Test
    void twoMembers_cpUnsafeMode_notProtectedByMapSettings() {
        Guarantees g = fresh(GuaranteeMode.CP_UNSAFE);
        g.register().write("r", 1);
        assertThat(g.register().read("r")).isEqualTo(1L);
    }

    @Order(2)
    @Test
    void threeMembers_minSizeThree_accepted() {
        cluster.startMember();
        cluster.awaitSafe();
        // Each member re-evaluates its protections on the membership change, on its event thread.
        Awaitility.await("every member sees its protections met").atMost(GridCluster.SETTLE)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> cluster.running().stream().allMatch(SplitBrainProtectionTest::protectionsMet));

        assertThat(grid.map("docs").put("k", "{}")).isEqualTo(1L);
        assertThat(grid.map(RECENT).put("k", "{}")).isEqualTo(1L);
        assertThat(grid.map(WRITES_REFUSED).put("k", "{}")).isEqualTo(1L);
        Guarantees g = fresh(GuaranteeMode.ATOMIC_KEY);
        g.set().add(7);
        assertThat(g.set().readAll()).containsExactly(7L);
        assertThat(grid.transaction(GuaranteeMode.TX_TWO_PHASE, List.of(TxOperation.put("docs", "t", "{}"))))
                .hasSize(1);
    }

    private static boolean protectionsMet(Grid member) {
        HazelcastInstance hazelcast = member.hazelcast();
        return hazelcast.getConfig().getSplitBrainProtectionConfigs().keySet().stream()
                .allMatch(name -> hazelcast.getSplitBrainProtectionService().getSplitBrainProtection(name).hasMinimumSize());
    }
}

package dev.flotilla.grid.map;

import dev.flotilla.grid.Grid;
import dev.flotilla.grid.GridException;
import dev.flotilla.grid.GridFailure;
import dev.flotilla.grid.fixture.GridCluster;
import dev.flotilla.grid.guarantee.GuaranteeMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link TxOperation.Kind#APPEND} in {@link Grid#transaction} on two real members. */
@Timeout(120)
class MapTransactionAppendTest {
    private static GridCluster cluster;
    private static Grid grid;

    @BeforeAll
    static void startMembers() {
        cluster = GridCluster.create();
        grid = cluster.startMembers(2).get(0);
    }

    @AfterAll
    static void stop() {
        try {
            cluster.assertHealthy();
        } finally {
            cluster.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = GuaranteeMode.class, names = {"TX_ONE_PHASE", "TX_TWO_PHASE"})
    void append_toAbsentThenToArray_buildsTheListAndBumpsTheVersion(GuaranteeMode mode) {
        String map = "append-list-" + mode.id();

        List<TxResult> first = grid.transaction(mode, List.of(TxOperation.append(map, "k", "1")));
        List<TxResult> second = grid.transaction(mode, List.of(
                TxOperation.append(map, "k", "{\"b\":2}"), TxOperation.get(map, "k")));

        assertThat(first).containsExactly(new TxResult(TxOperation.Kind.APPEND, map, "k", 1, null));
        assertThat(second).containsExactly(
                new TxResult(TxOperation.Kind.APPEND, map, "k", 2, null),
                new TxResult(TxOperation.Kind.GET, map, "k", 2, "[1,{\"b\":2}]"));
        assertThat(grid.map(map).get("k")).contains(new Versioned("[1,{\"b\":2}]", 2));
    }

    @Test
    void append_toANonArray_isADefiniteFailureAndNothingIsWritten() {
        String map = "append-scalar";
        grid.map(map).put("scalar", "{\"a\":1}");

        assertThatThrownBy(() -> grid.transaction(GuaranteeMode.TX_TWO_PHASE, List.of(
                TxOperation.append(map, "other", "5"), TxOperation.append(map, "scalar", "5"))))
                .isInstanceOfSatisfying(GridException.class, e -> {
                    assertThat(e.failure()).isEqualTo(GridFailure.INVALID_ARGUMENT);
                    assertThat(e.definite()).isTrue();
                    assertThat(e).hasMessageContaining("'" + map + "'").hasMessageContaining("'scalar'");
                });
        assertThat(grid.map(map).get("scalar")).contains(new Versioned("{\"a\":1}", 1));
        assertThat(grid.map(map).get("other")).isEmpty();
    }

    @Test
    void append_withIfVersion_appliesOnlyAtThatVersion() {
        String map = "append-if";
        grid.transaction(GuaranteeMode.TX_ONE_PHASE, List.of(TxOperation.append(map, "k", "1")));

        assertThatThrownBy(() -> grid.transaction(GuaranteeMode.TX_ONE_PHASE,
                List.of(new TxOperation(TxOperation.Kind.APPEND, map, "k", "2", 0))))
                .isInstanceOf(dev.flotilla.grid.VersionMismatchException.class);
        grid.transaction(GuaranteeMode.TX_ONE_PHASE, List.of(new TxOperation(TxOperation.Kind.APPEND, map, "k", "2", 1)));
        assertThat(grid.map(map).get("k")).contains(new Versioned("[1,2]", 2));
    }

    @Test
    void append_twiceToOneKeyOrWithAPut_isRefusedBeforeTheTransaction() {
        assertThatThrownBy(() -> grid.transaction(GuaranteeMode.TX_ONE_PHASE, List.of(
                TxOperation.append("append-twice", "k", "1"), TxOperation.append("append-twice", "k", "2"))))
                .isInstanceOfSatisfying(GridException.class, e -> assertThat(e.failure()).isEqualTo(GridFailure.INVALID_ARGUMENT))
                .hasMessageContaining("written twice");
        assertThatThrownBy(() -> grid.transaction(GuaranteeMode.TX_ONE_PHASE, List.of(
                TxOperation.put("append-twice", "k", "[]"), TxOperation.append("append-twice", "k", "2"))))
                .hasMessageContaining("written twice");
        assertThatThrownBy(() -> grid.transaction(GuaranteeMode.TX_ONE_PHASE, List.of(
                TxOperation.append("append-twice", "k", "not json"))))
                .isInstanceOfSatisfying(GridException.class, e -> assertThat(e.failure()).isEqualTo(GridFailure.INVALID_VALUE));
        assertThat(grid.map("append-twice").get("k")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = GuaranteeMode.class, names = {"TX_ONE_PHASE", "TX_TWO_PHASE"})
    void concurrentAppends_toOneKey_loseNothing(GuaranteeMode mode) throws Exception {
        String map = "append-race-" + mode.id();
        int threads = 8;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> IntStream.range(0, perThread).forEach(i -> grid.transaction(mode,
                        List.of(TxOperation.append(map, "k", Integer.toString(thread * perThread + i)))))));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        Versioned list = grid.map(map).get("k").orElseThrow();
        String body = list.json().substring(1, list.json().length() - 1);
        List<Integer> elements = Arrays.stream(body.split(",")).map(Integer::parseInt).sorted().toList();
        assertThat(elements).isEqualTo(IntStream.range(0, threads * perThread).boxed().collect(Collectors.toList()));
        assertThat(list.version()).isEqualTo(threads * perThread);
    }
}

package dev.flotilla.grid.map;

import dev.flotilla.grid.Grid;
import dev.flotilla.grid.GridException;
import dev.flotilla.grid.GridFailure;
import dev.flotilla.grid.VersionMismatchException;
import dev.flotilla.grid.fixture.GridCluster;
import dev.flotilla.grid.guarantee.GuaranteeMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Grid#transaction} on two real members. */
@Timeout(120)
class MapTransactionTest {
    private static final Pattern BALANCE = Pattern.compile("\\{\"balance\":(-?\\d+)}");

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

    /** A map name of its own per test and suffix, within the 64-character limit. */
    private static String mapName(TestInfo test, String suffix) {
        String method = test.getTestMethod().orElseThrow().getName();
        return "tx-" + Integer.toHexString(method.hashCode()) + "-" + suffix;
    }

    @ParameterizedTest
    @EnumSource(value = GuaranteeMode.class, names = {"TX_ONE_PHASE", "TX_TWO_PHASE"})
    void transaction_writesAcrossTwoMaps_allAppliedWithVersionsBumped(GuaranteeMode mode, TestInfo test) {
        String orders = mapName(test, mode.id() + "-orders");
        String stock = mapName(test, mode.id() + "-stock");
        grid.map(stock).put("widget", "{\"count\":5}");
        grid.map(stock).put("gone", "1");

        List<TxResult> results = grid.transaction(mode, List.of(
                TxOperation.get(stock, "widget"),
                TxOperation.put(orders, "o-1", "{\"item\":\"widget\"}", 0),
                TxOperation.put(stock, "widget", "{\"count\":4}", 1),
                TxOperation.get(stock, "widget"),
                TxOperation.delete(stock, "gone", 1),
                TxOperation.delete(stock, "never")));

        assertThat(results).containsExactly(
                new TxResult(TxOperation.Kind.GET, stock, "widget", 1, "{\"count\":5}"),
                new TxResult(TxOperation.Kind.PUT, orders, "o-1", 1, null),
                new TxResult(TxOperation.Kind.PUT, stock, "widget", 2, null),
                new TxResult(TxOperation.Kind.GET, stock, "widget", 2, "{\"count\":4}"),
                new TxResult(TxOperation.Kind.DELETE, stock, "gone", 1, null),
                new TxResult(TxOperation.Kind.DELETE, stock, "never", 0, null));
        assertThat(grid.map(orders).get("o-1")).contains(new Versioned("{\"item\":\"widget\"}", 1));
        assertThat(grid.map(stock).get("widget")).contains(new Versioned("{\"count\":4}", 2));
        assertThat(grid.map(stock).get("gone")).isEmpty();
        assertThat(grid.map(stock).put("widget", "{\"count\":3}")).as("plain writes continue the versions").isEqualTo(3);
    }

    @Test
    void transaction_mismatchOnLastOperation_nothingChanged(TestInfo test) {
        String a = mapName(test, "a");
        String b = mapName(test, "b");
        grid.map(a).put("x", "{\"v\":1}");
        grid.map(b).put("y", "{\"v\":1}");
        grid.map(b).put("y", "{\"v\":2}");

        assertThatThrownBy(() -> grid.transaction(GuaranteeMode.TX_TWO_PHASE, List.of(
                TxOperation.put(a, "x", "{\"v\":10}", 1),
                TxOperation.delete(a, "x2"),
                TxOperation.put(a, "new", "{}"),
                TxOperation.put(b, "y", "{\"v\":10}", 1))))
                .isInstanceOfSatisfying(VersionMismatchException.class, e -> {
                    assertThat(e.definite()).isTrue();
                    assertThat(e.expectedVersion()).isEqualTo(1);
                    assertThat(e.currentVersion()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("map '" + b + "'", "key 'y'");
                });

        assertThat(grid.map(a).get("x")).contains(new Versioned("{\"v\":1}", 1));
        assertThat(grid.map(a).get("new")).isEmpty();
        assertThat(grid.map(b).get("y")).contains(new Versioned("{\"v\":2}", 2));
        assertThat(grid.map(a).put("x", "{\"v\":3}")).as("the keys were unlocked by the rollback").isEqualTo(2);
    }

    @Test
    void transaction_putIfAbsentOnExistingKey_mismatchAndUnchanged(TestInfo test) {
        String m = mapName(test, "m");
        grid.map(m).put("k", "1");

        assertThatThrownBy(() -> grid.transaction(GuaranteeMode.TX_ONE_PHASE, List.of(TxOperation.put(m, "k", "2", 0))))
                .isInstanceOfSatisfying(VersionMismatchException.class, e -> assertThat(e.currentVersion()).isEqualTo(1));
        assertThat(grid.map(m).get("k")).contains(new Versioned("1", 1));
    }

    @ParameterizedTest
    @EnumSource(value = GuaranteeMode.class, names = {"TX_ONE_PHASE", "TX_TWO_PHASE"})
    void transaction_concurrentTransfersWithRetry_sumConserved(GuaranteeMode mode, TestInfo test) throws Exception {
        String bank = mapName(test, mode.id());
        grid.map(bank).put("alice", "{\"balance\":1000}");
        grid.map(bank).put("bob", "{\"balance\":1000}");
        AtomicInteger mismatches = new AtomicInteger();
        int threads = 4;
        int transfers = 100;

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                boolean aliceToBob = t % 2 == 0;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < transfers; i++) {
                        transferWithRetry(mode, bank, aliceToBob ? "alice" : "bob", aliceToBob ? "bob" : "alice",
                                ThreadLocalRandom.current().nextInt(1, 20), mismatches);
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(100, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<TxResult> end = grid.transaction(mode, List.of(TxOperation.get(bank, "alice"), TxOperation.get(bank, "bob")));
        assertThat(balance(end.get(0).json()) + balance(end.get(1).json())).isEqualTo(2000);
        assertThat(end.get(0).version() + end.get(1).version())
                .as("every transfer bumped both versions once").isEqualTo(2 + 2L * threads * transfers);
    }

    private static void transferWithRetry(GuaranteeMode mode, String bank, String from, String to, long amount,
                                          AtomicInteger mismatches) {
        while (true) {
            List<TxResult> seen = grid.transaction(mode, List.of(TxOperation.get(bank, from), TxOperation.get(bank, to)));
            TxResult f = seen.get(0);
            TxResult t = seen.get(1);
            try {
                grid.transaction(mode, List.of(
                        TxOperation.put(bank, from, "{\"balance\":" + (balance(f.json()) - amount) + "}", f.version()),
                        TxOperation.put(bank, to, "{\"balance\":" + (balance(t.json()) + amount) + "}", t.version())));
                return;
            } catch (VersionMismatchException e) {
                mismatches.incrementAndGet();
            }
        }
    }

    private static long balance(String json) {
        Matcher m = BALANCE.matcher(json);
        assertThat(m.matches()).as("balance document %s", json).isTrue();
        return Long.parseLong(m.group(1));
    }

    @ParameterizedTest
    @EnumSource(value = GuaranteeMode.class, names = {"TX_ONE_PHASE", "TX_TWO_PHASE"}, mode = EnumSource.Mode.EXCLUDE)
    void transaction_unsupportedMode_refusedDefinitelyNamingSupportedModes(GuaranteeMode mode, TestInfo test) {
        String m = mapName(test, mode.id());

        assertThatThrownBy(() -> grid.transaction(mode, List.of(TxOperation.put(m, "k", "1"))))
                .isInstanceOfSatisfying(GridException.class, e -> {
                    assertThat(e.failure()).isEqualTo(GridFailure.INVALID_ARGUMENT);
                    assertThat(e.definite()).isTrue();
                    assertThat(e.getMessage()).contains("tx-one-phase", "tx-two-phase");
                });
        assertThat(grid.map(m).get("k")).isEmpty();
    }

    @Test
    void transaction_badInput_rejectedBeforeAnythingWritten(TestInfo test) {
        String m = mapName(test, "m");
        TxOperation valid = TxOperation.put(m, "k", "{\"ok\":true}");
        List<TxOperation> tooMany = new ArrayList<>(Collections.nCopies(1, valid));
        IntStream.range(0, TxOperation.MAX_OPERATIONS).forEach(i -> tooMany.add(TxOperation.get(m, "g" + i)));

        assertRejected(List.of(valid, TxOperation.put("_reserved", "k", "1")), GridFailure.INVALID_MAP_NAME);
        assertRejected(List.of(valid, TxOperation.put(m, "a/b", "1")), GridFailure.INVALID_KEY);
        assertRejected(List.of(valid, TxOperation.put(m, "k2", "{not json")), GridFailure.INVALID_VALUE);
        assertRejected(List.of(valid, TxOperation.put(m, "k2", null)), GridFailure.INVALID_VALUE);
        assertRejected(List.of(valid, TxOperation.put(m, "k", "2")), GridFailure.INVALID_ARGUMENT);
        assertRejected(List.of(valid, TxOperation.delete(m, "k2", 0)), GridFailure.INVALID_ARGUMENT);
        assertRejected(List.of(valid, TxOperation.put(m, "k2", "1", -2)), GridFailure.INVALID_ARGUMENT);
        assertRejected(List.of(valid, new TxOperation(TxOperation.Kind.GET, m, "k2", "1", TxOperation.ANY_VERSION)),
                GridFailure.INVALID_ARGUMENT);
        assertRejected(List.of(valid, new TxOperation(null, m, "k2", null, TxOperation.ANY_VERSION)),
                GridFailure.INVALID_ARGUMENT);
        assertRejected(tooMany, GridFailure.INVALID_ARGUMENT);
        assertRejected(List.of(), GridFailure.INVALID_ARGUMENT);
        assertRejected(null, GridFailure.INVALID_ARGUMENT);

        assertThat(grid.map(m).get("k")).isEmpty();
    }

    private static void assertRejected(List<TxOperation> operations, GridFailure expected) {
        assertThatThrownBy(() -> grid.transaction(GuaranteeMode.TX_TWO_PHASE, operations))
                .isInstanceOfSatisfying(GridException.class, e -> {
                    assertThat(e.failure()).isEqualTo(expected);
                    assertThat(e.definite()).isTrue();
                });
    }
}

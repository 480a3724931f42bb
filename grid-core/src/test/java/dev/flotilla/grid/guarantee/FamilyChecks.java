package dev.flotilla.grid.guarantee;

import dev.flotilla.grid.GridException;
import dev.flotilla.grid.GridFailure;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The semantics every mode must show without faults; each test class runs them on its own members. */
final class FamilyChecks {
    static final List<String> ACCOUNTS = List.of("a0", "a1", "a2", "a3");
    static final long OPENING_BALANCE = 1_000;

    private FamilyChecks() {
    }

    static void transferMovesMoneyAndKeepsTotal(Guarantees g) {
        Accounts accounts = g.accounts();
        accounts.open(Map.of("alice", 100L, "bob", 5L));

        accounts.transfer("alice", "bob", 30);
        accounts.transfer("bob", "alice", 35);

        assertThat(accounts.balances(List.of("alice", "bob"))).isEqualTo(Map.of("alice", 105L, "bob", 0L));
    }

    static void transferRefusalsAreDefiniteAndMoveNothing(Guarantees g) {
        Accounts accounts = g.accounts();
        accounts.open(Map.of("alice", 10L, "bob", 0L));

        assertThatThrownBy(() -> accounts.transfer("bob", "alice", 1))
                .isInstanceOfSatisfying(InsufficientBalanceException.class, e -> {
                    assertThat(e.failure()).isEqualTo(GridFailure.INSUFFICIENT_BALANCE);
                    assertThat(e.definite()).isTrue();
                    assertThat(e.account()).isEqualTo("bob");
                    assertThat(e.balance()).isZero();
                    assertThat(e.amount()).isEqualTo(1);
                });
        assertDefinite(GridFailure.INVALID_ARGUMENT, () -> accounts.transfer("alice", "bob", 0));
        assertDefinite(GridFailure.INVALID_ARGUMENT, () -> accounts.transfer("alice", "bob", -5));
        assertDefinite(GridFailure.INVALID_ARGUMENT, () -> accounts.transfer("alice", "alice", 1));
        assertDefinite(GridFailure.INVALID_ARGUMENT, () -> accounts.transfer("alice", "nobody", 1));
        assertDefinite(GridFailure.INVALID_ARGUMENT, () -> accounts.transfer("nobody", "alice", 1));
        assertDefinite(GridFailure.INVALID_KEY, () -> accounts.transfer("alice", "", 1));
        assertDefinite(GridFailure.INVALID_ARGUMENT, () -> accounts.open(Map.of("carol", -1L)));
        assertDefinite(GridFailure.INVALID_ARGUMENT, () -> accounts.open(Map.of()));

        assertThat(accounts.balances(List.of("alice", "bob", "nobody"))).isEqualTo(Map.of("alice", 10L, "bob", 0L));
    }

    static void registerReadsWritesAndComparesAndSets(Guarantees g) {
        Register register = g.register();
        assertThat(register.read("r1")).isNull();

        assertThat(register.compareAndSet("r1", 7L, 8)).as("cas on a register never written, expecting 7").isFalse();
        assertThat(register.read("r1")).isNull();
        assertThat(register.compareAndSet("r1", null, 1)).as("cas expecting absent").isTrue();
        assertThat(register.read("r1")).isEqualTo(1L);
        assertThat(register.compareAndSet("r1", null, 2)).as("cas expecting absent, now present").isFalse();
        assertThat(register.compareAndSet("r1", 5L, 2)).as("cas expecting a wrong value").isFalse();
        assertThat(register.read("r1")).isEqualTo(1L);
        assertThat(register.compareAndSet("r1", 1L, 2)).as("cas expecting the current value").isTrue();
        assertThat(register.read("r1")).isEqualTo(2L);

        register.write("r1", -4);
        register.write("r2", 9);
        assertThat(register.read("r1")).isEqualTo(-4L);
        assertThat(register.read("r2")).isEqualTo(9L);
        assertDefinite(GridFailure.INVALID_KEY, () -> register.write("a/b", 1));
    }

    static void setKeepsEveryAddedElement(Guarantees g) {
        GrowSet set = g.set();
        assertThat(set.readAll()).isEmpty();

        LongStream.rangeClosed(-20, 80).forEach(set::add);
        set.add(3);
        set.add(Long.MAX_VALUE);

        assertThat(set.readAll()).containsExactlyElementsOf(
                LongStream.concat(LongStream.rangeClosed(-20, 80), LongStream.of(Long.MAX_VALUE)).boxed().toList());
    }

    static void counterSumsIncrements(Guarantees g) {
        Counter counter = g.counter();
        assertThat(counter.read()).isZero();

        assertThat(counter.incrementBy(1)).isEqualTo(1);
        assertThat(counter.incrementBy(41)).isEqualTo(42);

        assertThat(counter.read()).isEqualTo(42);
        assertDefinite(GridFailure.INVALID_ARGUMENT, () -> counter.incrementBy(0));
        assertDefinite(GridFailure.INVALID_ARGUMENT, () -> counter.incrementBy(-1));
        assertThat(counter.read()).isEqualTo(42);
    }

    /**
     * Transfers among {@link #ACCOUNTS} from several threads, with a thread taking snapshots meanwhile.
     *
     * @return every snapshot total seen while transfers ran
     */
    static Queue<Long> concurrentTransfers(Guarantees g, int threads, int transfersPerThread) throws Exception {
        Accounts accounts = g.accounts();
        accounts.open(Map.of("a0", OPENING_BALANCE, "a1", OPENING_BALANCE, "a2", OPENING_BALANCE, "a3", OPENING_BALANCE));
        Queue<Long> snapshotTotals = new ConcurrentLinkedQueue<>();
        AtomicInteger writersLeft = new AtomicInteger(threads);
        AtomicBoolean refusalsDefinite = new AtomicBoolean(true);
        ConcurrentRun.run(threads + 1, thread -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            if (thread == threads) {
                while (writersLeft.get() > 0) {
                    snapshotTotals.add(total(accounts.balances(ACCOUNTS)));
                }
                return;
            }
            try {
                for (int i = 0; i < transfersPerThread; i++) {
                    int from = random.nextInt(ACCOUNTS.size());
                    int to = (from + 1 + random.nextInt(ACCOUNTS.size() - 1)) % ACCOUNTS.size();
                    try {
                        accounts.transfer(ACCOUNTS.get(from), ACCOUNTS.get(to), 1 + random.nextInt(200));
                    } catch (InsufficientBalanceException refused) {
                        refusalsDefinite.compareAndSet(true, refused.definite());
                    }
                }
            } finally {
                writersLeft.decrementAndGet();
            }
        });
        assertThat(refusalsDefinite).isTrue();
        return snapshotTotals;
    }

    /** Increments the counter by 1 from several threads; returns the final value. */
    static long concurrentIncrements(Guarantees g, int threads, int incrementsPerThread) throws Exception {
        ConcurrentRun.run(threads, thread -> {
            for (int i = 0; i < incrementsPerThread; i++) {
                g.counter().incrementBy(1);
            }
        });
        return g.counter().read();
    }

    static long total(Map<String, Long> balances) {
        return balances.values().stream().mapToLong(Long::longValue).sum();
    }

    static void assertDefinite(GridFailure failure, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(GridException.class, e -> {
            assertThat(e.failure()).isEqualTo(failure);
            assertThat(e.definite()).isTrue();
        });
    }
}

package dev.flotilla.grid.guarantee;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.transaction.TransactionContext;
import com.hazelcast.transaction.TransactionOptions;
import com.hazelcast.transaction.TransactionOptions.TransactionType;
import com.hazelcast.transaction.TransactionalMap;
import dev.flotilla.grid.GridException;
import dev.flotilla.grid.GridFailure;
import dev.flotilla.grid.internal.FailureClassifier;
import dev.flotilla.grid.map.EntryNames;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@link GuaranteeMode#TX_ONE_PHASE} and {@link GuaranteeMode#TX_TWO_PHASE}: each operation is one Hazelcast
 * transaction on the calling thread.
 *
 * <p>Updates read with {@code getForUpdate} (which locks the key until commit or rollback) in key order, so
 * concurrent transactions never deadlock, then {@code set}, then commit; any failure before the commit rolls back.
 * Snapshot reads of several keys lock them all the same way, so they never see half of another transaction.
 * Single-key reads use a plain transactional {@code get}. Transactions time out after {@value #TIMEOUT_SECONDS} s
 * (this also bounds the wait for a {@code getForUpdate} lock).
 */
final class TransactionalGuarantee implements ModeOperations {
    /** Transaction timeout; also how long {@code getForUpdate} waits for a key held by another transaction. */
    static final long TIMEOUT_SECONDS = 30;

    private final HazelcastInstance hazelcast;
    private final GuaranteeNames names;
    private final TransactionOptions options;

    private TransactionalGuarantee(HazelcastInstance hazelcast, GuaranteeNames names, TransactionType type) {
        this.hazelcast = hazelcast;
        this.names = names;
        this.options = new TransactionOptions()
                .setTransactionType(type)
                .setDurability(1)
                .setTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** ONE_PHASE: no prepare, no replicated commit log. */
    static TransactionalGuarantee onePhase(HazelcastInstance hazelcast, GuaranteeNames names) {
        return new TransactionalGuarantee(hazelcast, names, TransactionType.ONE_PHASE);
    }

    /** TWO_PHASE with durability 1: prepare, copy the commit log to one other member, commit. */
    static TransactionalGuarantee twoPhase(HazelcastInstance hazelcast, GuaranteeNames names) {
        return new TransactionalGuarantee(hazelcast, names, TransactionType.TWO_PHASE);
    }

    @Override
    public void open(Map<String, Long> initialBalances) {
        var balances = Arguments.initialBalances(initialBalances);
        inTransaction(tx -> {
            TransactionalMap<String, Long> bank = tx.getMap(names.bankMap());
            balances.forEach(bank::set);
            return null;
        });
    }

    @Override
    public void transfer(String from, String to, long amount) {
        Arguments.transfer(from, to, amount);
        inTransaction(tx -> {
            TransactionalMap<String, Long> bank = tx.getMap(names.bankMap());
            Map<String, Long> seen = lockAndRead(bank, List.of(from, to));
            Long fromBalance = seen.get(from);
            Long toBalance = seen.get(to);
            Arguments.requireTransferable(from, fromBalance, to, toBalance, amount);
            bank.set(from, fromBalance - amount);
            bank.set(to, toBalance + amount);
            return null;
        });
    }

    @Override
    public Map<String, Long> balances(Collection<String> accounts) {
        var keys = Arguments.accounts(accounts);
        return inTransaction(tx -> {
            Map<String, Long> seen = lockAndRead(tx.getMap(names.bankMap()), keys);
            seen.values().removeIf(Objects::isNull);
            return Collections.unmodifiableSortedMap(new TreeMap<>(seen));
        });
    }

    @Override
    public Long read(String key) {
        var k = EntryNames.requireKey(key);
        return inTransaction(tx -> tx.<String, Long>getMap(names.registerMap()).get(k));
    }

    @Override
    public void write(String key, long value) {
        var k = EntryNames.requireKey(key);
        inTransaction(tx -> {
            tx.<String, Long>getMap(names.registerMap()).set(k, value);
            return null;
        });
    }

    @Override
    public boolean compareAndSet(String key, Long expected, long newValue) {
        var k = EntryNames.requireKey(key);
        return inTransaction(tx -> {
            TransactionalMap<String, Long> register = tx.getMap(names.registerMap());
            if (!Objects.equals(register.getForUpdate(k), expected)) {
                return false;
            }
            register.set(k, newValue);
            return true;
        });
    }

    @Override
    public void add(long element) {
        String bucketKey = GuaranteeNames.bucketOf(element);
        inTransaction(tx -> {
            TransactionalMap<String, long[]> set = tx.getMap(names.setMap());
            long[] bucket = set.getForUpdate(bucketKey);
            if (!SortedLongs.contains(bucket, element)) {
                set.set(bucketKey, SortedLongs.with(bucket, element));
            }
            return null;
        });
    }

    @Override
    public SortedSet<Long> readAll() {
        return inTransaction(tx -> {
            TransactionalMap<String, long[]> set = tx.getMap(names.setMap());
            return SortedLongs.union(GuaranteeNames.buckets().stream().map(set::get).toList());
        });
    }

    @Override
    public long incrementBy(long delta) {
        Arguments.delta(delta);
        return inTransaction(tx -> {
            TransactionalMap<String, Long> counter = tx.getMap(names.counterMap());
            Long value = counter.getForUpdate(GuaranteeNames.COUNTER_KEY);
            long next = (value == null ? 0 : value) + delta;
            counter.set(GuaranteeNames.COUNTER_KEY, next);
            return next;
        });
    }

    @Override
    public long read() {
        return inTransaction(tx -> {
            Long value = tx.<String, Long>getMap(names.counterMap()).get(GuaranteeNames.COUNTER_KEY);
            return value == null ? 0L : value;
        });
    }

    /** {@code getForUpdate} of each key in key order; absent keys map to {@code null}. */
    private static Map<String, Long> lockAndRead(TransactionalMap<String, Long> map, Collection<String> keys) {
        Map<String, Long> seen = new TreeMap<>();
        for (String key : new TreeSet<>(keys)) {
            seen.put(key, map.getForUpdate(key));
        }
        return seen;
    }

    /**
     * Runs the body in a new transaction and commits it; rolls back on any failure.
     *
     * <p>A failure before the commit leaves nothing applied, but it is still classified as it comes (a lost member
     * is not definite): {@code GridFailure} codes carry their own definiteness, and no definite code fits. A failure
     * inside the commit is never definite: ONE_PHASE may have written some keys, TWO_PHASE may still be completed
     * by the member holding the log backup.
     */
    private <T> T inTransaction(Function<TransactionContext, T> body) {
        TransactionContext tx;
        try {
            tx = hazelcast.newTransactionContext(options);
            tx.beginTransaction();
        } catch (RuntimeException e) {
            throw FailureClassifier.classify(e);
        }
        T result;
        try {
            result = body.apply(tx);
        } catch (RuntimeException e) {
            GridException failure = FailureClassifier.classify(e);
            try {
                tx.rollbackTransaction();
            } catch (RuntimeException rollback) {
                failure.addSuppressed(rollback);
            }
            throw failure;
        }
        try {
            tx.commitTransaction();
            return result;
        } catch (RuntimeException e) {
            GridException classified = FailureClassifier.classify(e);
            if (!classified.definite()) {
                throw classified;
            }
            // A commit refused on one partition (no quorum, say) may have landed on others already.
            throw new GridException(GridFailure.INTERNAL, "the commit failed part-way (" + classified.getMessage()
                    + "); some of its writes may have been applied", classified.getCause() == null ? classified : classified.getCause());
        }
    }
}

package dev.flotilla.grid.guarantee;

import com.hazelcast.map.IMap;
import dev.flotilla.grid.GridException;
import dev.flotilla.grid.GridFailure;
import dev.flotilla.grid.internal.FailureClassifier;
import dev.flotilla.grid.map.EntryNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@link GuaranteeMode#LOCKED}: {@code IMap.tryLock} on every key an update touches, in key order so two callers
 * never wait on each other in a cycle, then the same get and put as {@link UnsafeGuarantee}, then unlock (always, in
 * reverse order).
 *
 * <p>Hazelcast map locks belong to the calling thread and member, move with their partition, and are released when
 * the holder's member leaves. Each lock carries a lease of {@value #LEASE_SECONDS} s so a caller stuck or gone in a
 * way Hazelcast cannot see does not block a key forever; the price is that an update slower than the lease loses
 * exclusion. Waiting for a lock is bounded by {@value #WAIT_SECONDS} s. Single-key reads take no lock.
 */
final class LockedGuarantee implements ModeOperations {
    /** How long a lock is held at most before Hazelcast releases it. */
    static final long LEASE_SECONDS = 10;
    /** How long an update waits for each lock before giving up (nothing changed then). */
    static final long WAIT_SECONDS = 30;

    private static final Logger LOG = LoggerFactory.getLogger(LockedGuarantee.class);

    private final GuaranteeMaps maps;

    LockedGuarantee(GuaranteeMaps maps) {
        this.maps = maps;
    }

    @Override
    public void open(Map<String, Long> initialBalances) {
        var balances = Arguments.initialBalances(initialBalances);
        underLocks(maps.bank(), balances.keySet(), () -> {
            maps.bank().putAll(balances);
            return null;
        });
    }

    @Override
    public void transfer(String from, String to, long amount) {
        Arguments.transfer(from, to, amount);
        underLocks(maps.bank(), List.of(from, to), () -> {
            UnsafeGuarantee.moveWithoutCoordination(maps, from, to, amount);
            return null;
        });
    }

    @Override
    public Map<String, Long> balances(Collection<String> accounts) {
        var keys = Arguments.accounts(accounts);
        return underLocks(maps.bank(), keys, () -> maps.balances(keys));
    }

    @Override
    public Long read(String key) {
        var k = EntryNames.requireKey(key);
        return Failures.call(() -> maps.register().get(k));
    }

    @Override
    public void write(String key, long value) {
        var k = EntryNames.requireKey(key);
        underLocks(maps.register(), List.of(k), () -> {
            maps.register().set(k, value);
            return null;
        });
    }

    @Override
    public boolean compareAndSet(String key, Long expected, long newValue) {
        var k = EntryNames.requireKey(key);
        return underLocks(maps.register(), List.of(k), () -> UnsafeGuarantee.compareThenSet(maps, k, expected, newValue));
    }

    @Override
    public void add(long element) {
        String bucket = GuaranteeNames.bucketOf(element);
        underLocks(maps.set(), List.of(bucket), () -> {
            UnsafeGuarantee.addByGetAndSet(maps, bucket, element);
            return null;
        });
    }

    @Override
    public SortedSet<Long> readAll() {
        return Failures.call(maps::readSet);
    }

    @Override
    public long incrementBy(long delta) {
        Arguments.delta(delta);
        return underLocks(maps.counter(), List.of(GuaranteeNames.COUNTER_KEY),
                () -> UnsafeGuarantee.incrementByGetAndSet(maps, delta));
    }

    @Override
    public long read() {
        return Failures.call(maps::counterValue);
    }

    /**
     * Locks the keys in key order, runs the body, unlocks in reverse order.
     *
     * <p>An unlock failure after a successful body does not fail the operation (its writes are done; the lease
     * frees the key) but is logged, because it means exclusion may have been lost (the lease ran out).
     */
    private static <T> T underLocks(IMap<String, ?> map, Collection<String> keys, Supplier<T> body) {
        List<String> held = new ArrayList<>();
        T result;
        try {
            for (String key : new TreeSet<>(keys)) {
                if (!map.tryLock(key, WAIT_SECONDS, TimeUnit.SECONDS, LEASE_SECONDS, TimeUnit.SECONDS)) {
                    throw new GridException(GridFailure.LOCK_UNAVAILABLE, "key '" + key + "' of map '" + map.getName()
                            + "' stayed locked for " + WAIT_SECONDS + " s; the operation did not run");
                }
                held.add(key);
            }
            result = body.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            GridException failure = new GridException(GridFailure.INTERNAL,
                    "interrupted while waiting for a lock; the operation did not run", e);
            unlockAll(map, held, failure);
            throw failure;
        } catch (RuntimeException e) {
            GridException failure = FailureClassifier.classify(e);
            unlockAll(map, held, failure);
            throw failure;
        }
        unlockAll(map, held, null);
        return result;
    }

    private static void unlockAll(IMap<String, ?> map, List<String> held, GridException primary) {
        for (int i = held.size() - 1; i >= 0; i--) {
            try {
                map.unlock(held.get(i));
            } catch (RuntimeException e) {
                if (primary != null) {
                    primary.addSuppressed(e);
                } else {
                    LOG.warn("Could not unlock key '{}' of map '{}' (lease expired or owner lost?): {}; "
                            + "exclusion may not have held", held.get(i), map.getName(), e.toString());
                }
            }
        }
    }
}

package dev.flotilla.grid.guarantee;

import dev.flotilla.grid.map.EntryNames;

import java.util.Objects;

/**
 * {@link GuaranteeMode#UNSAFE}: every update is a get followed by a put, with nothing between them to stop a
 * concurrent update from being overwritten.
 */
final class UnsafeGuarantee extends PlainMapOperations {
    UnsafeGuarantee(GuaranteeMaps maps) {
        super(maps);
    }

    @Override
    public void transfer(String from, String to, long amount) {
        Arguments.transfer(from, to, amount);
        Failures.run(() -> moveWithoutCoordination(maps, from, to, amount));
    }

    /** Reads both balances, checks, writes both: the body of the unsafe and the locked transfer. */
    static void moveWithoutCoordination(GuaranteeMaps maps, String from, String to, long amount) {
        Long fromBalance = maps.bank().get(from);
        Long toBalance = maps.bank().get(to);
        Arguments.requireTransferable(from, fromBalance, to, toBalance, amount);
        maps.bank().set(from, fromBalance - amount);
        try {
            maps.bank().set(to, toBalance + amount);
        } catch (RuntimeException e) {
            throw Failures.partial(e, "'" + from + "' was debited; the credit of '" + to + "' may be missing");
        }
    }

    @Override
    public boolean compareAndSet(String key, Long expected, long newValue) {
        var k = EntryNames.requireKey(key);
        return Failures.call(() -> compareThenSet(maps, k, expected, newValue));
    }

    /** Get, compare, set: the body of the unsafe and the locked compare-and-set. */
    static boolean compareThenSet(GuaranteeMaps maps, String key, Long expected, long newValue) {
        if (!Objects.equals(maps.register().get(key), expected)) {
            return false;
        }
        maps.register().set(key, newValue);
        return true;
    }

    @Override
    public void add(long element) {
        Failures.run(() -> addByGetAndSet(maps, GuaranteeNames.bucketOf(element), element));
    }

    /** Get the bucket, set it grown: the body of the unsafe and the locked add. */
    static void addByGetAndSet(GuaranteeMaps maps, String bucketKey, long element) {
        long[] bucket = maps.set().get(bucketKey);
        if (!SortedLongs.contains(bucket, element)) {
            maps.set().set(bucketKey, SortedLongs.with(bucket, element));
        }
    }

    @Override
    public long incrementBy(long delta) {
        Arguments.delta(delta);
        return Failures.call(() -> incrementByGetAndSet(maps, delta));
    }

    /** Get, add, set: the body of the unsafe and the locked increment. */
    static long incrementByGetAndSet(GuaranteeMaps maps, long delta) {
        long next = maps.counterValue() + delta;
        maps.counter().set(GuaranteeNames.COUNTER_KEY, next);
        return next;
    }
}

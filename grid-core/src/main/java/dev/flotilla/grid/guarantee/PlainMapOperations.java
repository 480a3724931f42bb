package dev.flotilla.grid.guarantee;

import dev.flotilla.grid.map.EntryNames;

import java.util.Collection;
import java.util.Map;
import java.util.SortedSet;

/**
 * What {@link UnsafeGuarantee} and {@link AtomicKeyGuarantee} do alike: open accounts with one {@code putAll},
 * and read or blindly write with single plain IMap calls, no lock and no transaction. They differ only in how
 * they update.
 */
abstract class PlainMapOperations implements ModeOperations {
    protected final GuaranteeMaps maps;

    PlainMapOperations(GuaranteeMaps maps) {
        this.maps = maps;
    }

    @Override
    public void open(Map<String, Long> initialBalances) {
        var balances = Arguments.initialBalances(initialBalances);
        Failures.run(() -> maps.bank().putAll(balances));
    }

    @Override
    public Map<String, Long> balances(Collection<String> accounts) {
        var keys = Arguments.accounts(accounts);
        return Failures.call(() -> maps.balances(keys));
    }

    @Override
    public Long read(String key) {
        var k = EntryNames.requireKey(key);
        return Failures.call(() -> maps.register().get(k));
    }

    @Override
    public void write(String key, long value) {
        var k = EntryNames.requireKey(key);
        Failures.run(() -> maps.register().set(k, value));
    }

    @Override
    public SortedSet<Long> readAll() {
        return Failures.call(maps::readSet);
    }

    @Override
    public long read() {
        return Failures.call(maps::counterValue);
    }
}

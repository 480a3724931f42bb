package dev.flotilla.grid.guarantee;

import dev.flotilla.grid.map.EntryNames;

import java.util.Collection;
import java.util.Map;
import java.util.SortedSet;

/**
 * {@link GuaranteeMode#ATOMIC_KEY}: each update is one atomic call on one key ({@link KeySteps} entry processors,
 * {@code putIfAbsent}, {@code replace(key, old, new)}); a transfer is two of them, a withdrawal then a deposit.
 */
final class AtomicKeyGuarantee implements ModeOperations {
    private final GuaranteeMaps maps;

    AtomicKeyGuarantee(GuaranteeMaps maps) {
        this.maps = maps;
    }

    @Override
    public void open(Map<String, Long> initialBalances) {
        var balances = Arguments.initialBalances(initialBalances);
        Failures.run(() -> maps.bank().putAll(balances));
    }

    @Override
    public void transfer(String from, String to, long amount) {
        Arguments.transfer(from, to, amount);
        Failures.run(() -> {
            // Accounts are never deleted, so a deposit target seen here is still there after the withdrawal.
            if (!maps.bank().containsKey(to)) {
                throw Arguments.unknownAccount(to);
            }
            KeySteps.Withdrawal withdrawal = maps.bank().executeOnKey(from, new KeySteps.Withdraw(amount));
            if (withdrawal == null) {
                throw Arguments.unknownAccount(from);
            }
            if (!withdrawal.applied()) {
                throw new InsufficientBalanceException(from, withdrawal.balanceBefore(), amount);
            }
            try {
                maps.bank().executeOnKey(to, new KeySteps.Deposit(amount));
            } catch (RuntimeException e) {
                throw Failures.partial(e, "'" + from + "' was debited; the credit of '" + to + "' may be missing");
            }
        });
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
    public boolean compareAndSet(String key, Long expected, long newValue) {
        var k = EntryNames.requireKey(key);
        return Failures.call(() -> expected == null
                ? maps.register().putIfAbsent(k, newValue) == null
                : maps.register().replace(k, expected, newValue));
    }

    @Override
    public void add(long element) {
        Failures.run(() -> maps.set().executeOnKey(GuaranteeNames.bucketOf(element), new KeySteps.AddToBucket(element)));
    }

    @Override
    public SortedSet<Long> readAll() {
        return Failures.call(maps::readSet);
    }

    @Override
    public long incrementBy(long delta) {
        Arguments.delta(delta);
        return Failures.call(() -> maps.counter().executeOnKey(GuaranteeNames.COUNTER_KEY, new KeySteps.Increment(delta)));
    }

    @Override
    public long read() {
        return Failures.call(maps::counterValue);
    }
}

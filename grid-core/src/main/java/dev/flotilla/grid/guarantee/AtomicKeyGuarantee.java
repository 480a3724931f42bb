package dev.flotilla.grid.guarantee;

import dev.flotilla.grid.map.EntryNames;


/**
 * {@link GuaranteeMode#ATOMIC_KEY}: each update is one atomic call on one key ({@link KeySteps} entry processors,
 * {@code putIfAbsent}, {@code replace(key, old, new)}); a transfer is two of them, a withdrawal then a deposit.
 */
final class AtomicKeyGuarantee extends PlainMapOperations {
    AtomicKeyGuarantee(GuaranteeMaps maps) {
        super(maps);
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
    public long incrementBy(long delta) {
        Arguments.delta(delta);
        return Failures.call(() -> maps.counter().executeOnKey(GuaranteeNames.COUNTER_KEY, new KeySteps.Increment(delta)));
    }
}

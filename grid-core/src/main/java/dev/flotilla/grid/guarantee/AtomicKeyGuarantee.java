package dev.flotilla.grid.guarantee;

import com.hazelcast.cluster.Cluster;
import com.hazelcast.cluster.Member;
import dev.flotilla.grid.GridException;
import dev.flotilla.grid.GridFailure;
import dev.flotilla.grid.internal.MemberLoss;
import dev.flotilla.grid.map.EntryNames;

import java.util.Set;


/**
 * {@link GuaranteeMode#ATOMIC_KEY}: each update is one atomic call on one key ({@link KeySteps} entry processors,
 * {@code putIfAbsent}, {@code replace(key, old, new)}); a transfer is two of them, a withdrawal then a deposit.
 *
 * <p>A "no" answer (compare-and-set false, insufficient balance) given while a member left the local member list
 * is reported as the non-definite {@link GridFailure#MEMBER_LOST}: it may come from Hazelcast's retry of a call
 * whose first attempt applied (see {@link MemberLoss}).
 */
final class AtomicKeyGuarantee extends PlainMapOperations {
    private final Cluster cluster;

    AtomicKeyGuarantee(GuaranteeMaps maps, Cluster cluster) {
        super(maps);
        this.cluster = cluster;
    }

    /** The failure for a "no" that may be the retry of an applied call, or {@code null} when the "no" holds. */
    private GridException untrustedNo(Set<Member> before, String what) {
        if (!MemberLoss.anyLeft(before, MemberLoss.snapshot(cluster))) {
            return null;
        }
        return new GridException(GridFailure.MEMBER_LOST, what + " answered no while a member left; the answer may"
                + " come from a retry of an attempt that applied, so it may have been applied", null);
    }

    @Override
    public void transfer(String from, String to, long amount) {
        Arguments.transfer(from, to, amount);
        Failures.run(() -> {
            // Accounts are never deleted, so a deposit target seen here is still there after the withdrawal.
            if (!maps.bank().containsKey(to)) {
                throw Arguments.unknownAccount(to);
            }
            Set<Member> before = MemberLoss.snapshot(cluster);
            KeySteps.Withdrawal withdrawal = maps.bank().executeOnKey(from, new KeySteps.Withdraw(amount));
            if (withdrawal == null) {
                throw Arguments.unknownAccount(from);
            }
            if (!withdrawal.applied()) {
                GridException untrusted = untrustedNo(before, "the withdrawal from '" + from + "'");
                if (untrusted != null) {
                    throw untrusted;
                }
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
        return Failures.call(() -> {
            Set<Member> before = MemberLoss.snapshot(cluster);
            boolean applied = expected == null
                    ? maps.register().putIfAbsent(k, newValue) == null
                    : maps.register().replace(k, expected, newValue);
            GridException untrusted = applied ? null : untrustedNo(before, "compare-and-set of '" + k + "'");
            if (untrusted != null) {
                throw untrusted;
            }
            return applied;
        });
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

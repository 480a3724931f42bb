package dev.flotilla.grid.guarantee;

import com.hazelcast.core.IFunction;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every balance of a CP-mode bank in one immutable value, held by one CP {@code IAtomicReference}.
 *
 * <p>Why one value and not one {@code IAtomicLong} per account under {@code FencedLock}s: a transfer then is one Raft
 * commit ({@code getAndAlter}), applied entirely or not at all. With per-account atomics a transfer is at least two
 * commits; when the Raft leader dies between them the second fails as indeterminate, and the debit stands without
 * its credit: the mode would lose money for a reason of ours, not of the CP Subsystem. A snapshot read is also one
 * linearizable {@code get}. The cost: each commit carries the whole ledger, fine for the few accounts of a bank
 * workload, not for millions.
 */
final class Ledger implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final Ledger EMPTY = new Ledger(new TreeMap<>());

    private final TreeMap<String, Long> balances;

    private Ledger(TreeMap<String, Long> balances) {
        this.balances = balances;
    }

    /** The ledger a reference holds, {@code null} meaning no account yet. */
    static Ledger orEmpty(Ledger ledger) {
        return ledger == null ? EMPTY : ledger;
    }

    Long balance(String account) {
        return balances.get(account);
    }

    /** The balances of those accounts that exist, in key order. */
    SortedMap<String, Long> balances(Collection<String> accounts) {
        TreeMap<String, Long> picked = new TreeMap<>();
        for (String account : accounts) {
            Long balance = balances.get(account);
            if (balance != null) {
                picked.put(account, balance);
            }
        }
        return Collections.unmodifiableSortedMap(picked);
    }

    /** Whether {@link Transfer} applies to this ledger: both accounts exist and {@code from} holds enough. */
    boolean allows(String from, String to, long amount) {
        Long fromBalance = balances.get(from);
        return fromBalance != null && balances.containsKey(to) && fromBalance >= amount;
    }

    /** Sets the given balances (the {@code open} operation). Runs in the Raft state machine: deterministic. */
    record Open(TreeMap<String, Long> initial) implements IFunction<Ledger, Ledger> {
        @Override
        public Ledger apply(Ledger current) {
            TreeMap<String, Long> next = new TreeMap<>(orEmpty(current).balances);
            next.putAll(initial);
            return new Ledger(next);
        }
    }

    /**
     * Moves money when {@link #allows} says so, else leaves the ledger as it is; the caller reads the ledger it ran
     * on ({@code getAndAlter}) to learn which. Runs in the Raft state machine: deterministic.
     */
    record Transfer(String from, String to, long amount) implements IFunction<Ledger, Ledger> {
        @Override
        public Ledger apply(Ledger current) {
            Ledger ledger = orEmpty(current);
            if (!ledger.allows(from, to, amount)) {
                return current;
            }
            TreeMap<String, Long> next = new TreeMap<>(ledger.balances);
            next.put(from, next.get(from) - amount);
            next.put(to, next.get(to) + amount);
            return new Ledger(next);
        }
    }

    @Override
    public String toString() {
        return "Ledger" + Map.copyOf(balances);
    }
}

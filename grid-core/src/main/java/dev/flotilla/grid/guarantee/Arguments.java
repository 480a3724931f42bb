package dev.flotilla.grid.guarantee;

import dev.flotilla.grid.GridException;
import dev.flotilla.grid.GridFailure;
import dev.flotilla.grid.map.EntryNames;

import java.util.Collection;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Argument checks shared by every mode: all of them throw definite failures before anything is sent. */
final class Arguments {
    private Arguments() {
    }

    static void transfer(String from, String to, long amount) {
        EntryNames.requireKey(from);
        EntryNames.requireKey(to);
        if (amount <= 0) {
            throw new GridException(GridFailure.INVALID_ARGUMENT, "transfer amount must be positive, not " + amount);
        }
        if (from.equals(to)) {
            throw new GridException(GridFailure.INVALID_ARGUMENT, "transfer needs two different accounts, got '"
                    + from + "' twice");
        }
    }

    /** The initial balances, validated, in key order. */
    static TreeMap<String, Long> initialBalances(Map<String, Long> initial) {
        if (initial == null || initial.isEmpty()) {
            throw new GridException(GridFailure.INVALID_ARGUMENT, "open needs at least one account");
        }
        TreeMap<String, Long> sorted = new TreeMap<>();
        initial.forEach((account, balance) -> {
            EntryNames.requireKey(account);
            if (balance == null || balance < 0) {
                throw new GridException(GridFailure.INVALID_ARGUMENT, "account '" + account
                        + "' must open with a balance of zero or more, not " + balance);
            }
            sorted.put(account, balance);
        });
        return sorted;
    }

    /** The accounts, validated, distinct and in key order (the lock order). */
    static SortedSet<String> accounts(Collection<String> accounts) {
        if (accounts == null) {
            throw new GridException(GridFailure.INVALID_ARGUMENT, "accounts must not be null");
        }
        SortedSet<String> sorted = new TreeSet<>();
        for (String account : accounts) {
            sorted.add(EntryNames.requireKey(account));
        }
        return sorted;
    }

    static long delta(long delta) {
        if (delta <= 0) {
            throw new GridException(GridFailure.INVALID_ARGUMENT, "counter increment must be positive, not " + delta);
        }
        return delta;
    }

    static String cpKey(String key) {
        EntryNames.requireKey(key);
        if (key.indexOf('@') >= 0) {
            throw new GridException(GridFailure.INVALID_KEY, "CP modes do not allow '@' in keys (it names a CP group)");
        }
        return key;
    }

    /**
     * Throws the definite refusal of a transfer given the balances it saw ({@code null}: account never opened).
     */
    static void requireTransferable(String from, Long fromBalance, String to, Long toBalance, long amount) {
        if (fromBalance == null) {
            throw unknownAccount(from);
        }
        if (toBalance == null) {
            throw unknownAccount(to);
        }
        if (fromBalance < amount) {
            throw new InsufficientBalanceException(from, fromBalance, amount);
        }
    }

    static GridException unknownAccount(String account) {
        return new GridException(GridFailure.INVALID_ARGUMENT, "account '" + account + "' was never opened; nothing moved");
    }
}

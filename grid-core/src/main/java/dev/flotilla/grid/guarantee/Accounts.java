package dev.flotilla.grid.guarantee;

import dev.flotilla.grid.GridException;
import dev.flotilla.grid.GridFailure;

import java.util.Collection;
import java.util.Map;

/**
 * Bank accounts with long balances that never go below zero; the money transfer is the canonical multi-key operation.
 *
 * <p>Whether a transfer is atomic, and whether {@link #balances} is a consistent snapshot, depends on the
 * {@link GuaranteeMode}. Every failure is a {@link GridException}; it is definite only when the operation surely
 * did not take effect.
 */
public interface Accounts {
    /**
     * Sets the balance of each given account, creating the accounts that do not exist yet.
     *
     * @throws GridException {@link GridFailure#INVALID_ARGUMENT} (definite) for an empty map or a negative balance,
     *                       {@link GridFailure#INVALID_KEY} (definite) for a bad account name
     */
    void open(Map<String, Long> initialBalances);

    /**
     * Moves {@code amount} from one account to another.
     *
     * @throws InsufficientBalanceException (code {@link GridFailure#INSUFFICIENT_BALANCE}, definite) when {@code from}
     *                                      holds less than {@code amount}; nothing moved
     * @throws GridException                {@link GridFailure#INVALID_ARGUMENT} (definite) when {@code amount <= 0},
     *                                      {@code from} equals {@code to}, or either account was never opened;
     *                                      not definite when the outcome is unknown
     */
    void transfer(String from, String to, long amount);

    /**
     * The balances of the given accounts, as consistent a snapshot as the mode allows; accounts never opened are absent.
     *
     * @throws GridException {@link GridFailure#INVALID_KEY} (definite) for a bad account name
     */
    Map<String, Long> balances(Collection<String> accounts);
}

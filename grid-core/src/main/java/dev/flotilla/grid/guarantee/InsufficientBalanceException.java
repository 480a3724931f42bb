package dev.flotilla.grid.guarantee;

import dev.flotilla.grid.GridException;
import dev.flotilla.grid.GridFailure;

/**
 * A transfer asked for more than its source account holds; nothing moved.
 *
 * <p>Its code is {@link GridFailure#INSUFFICIENT_BALANCE} ({@code insufficient-balance}, definite).
 */
public final class InsufficientBalanceException extends GridException {
    private final String account;
    private final long balance;
    private final long amount;

    /** The account, the balance the operation saw, and the amount asked for. */
    public InsufficientBalanceException(String account, long balance, long amount) {
        super(GridFailure.INSUFFICIENT_BALANCE, "insufficient balance: account '" + account + "' holds " + balance
                + ", the transfer needs " + amount + "; nothing moved");
        this.account = account;
        this.balance = balance;
        this.amount = amount;
    }

    /** The source account. */
    public String account() {
        return account;
    }

    /** The balance the operation saw. */
    public long balance() {
        return balance;
    }

    /** The amount the transfer asked for. */
    public long amount() {
        return amount;
    }
}

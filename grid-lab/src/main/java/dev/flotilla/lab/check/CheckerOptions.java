package dev.flotilla.lab.check;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Settings for checkers built by name.
 *
 * @param budget how long a search-based checker may run before answering UNKNOWN
 * @param total the money in a bank history, required by the {@code bank} checker
 * @param accounts the accounts a bank history must show in every read; empty: those of its first ok read
 */
public record CheckerOptions(Duration budget, OptionalLong total, List<String> accounts) {

    /** The default time budget of search-based checkers. */
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(60);

    /** Validates that the budget is present and not negative. */
    public CheckerOptions {
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(total, "total");
        accounts = List.copyOf(accounts);
        if (budget.isNegative()) {
            throw new IllegalArgumentException("budget must not be negative, was " + budget);
        }
    }

    /** Returns the defaults: a 60 s budget and no bank total. */
    public static CheckerOptions defaults() {
        return new CheckerOptions(DEFAULT_BUDGET, OptionalLong.empty(), List.of());
    }

    /** Returns a copy with another time budget. */
    public CheckerOptions withBudget(Duration newBudget) {
        return new CheckerOptions(newBudget, total, accounts);
    }

    /** Returns a copy with the bank total set. */
    public CheckerOptions withTotal(long newTotal) {
        return new CheckerOptions(budget, OptionalLong.of(newTotal), accounts);
    }

    /** Returns a copy with the bank's expected accounts set. */
    public CheckerOptions withAccounts(List<String> newAccounts) {
        return new CheckerOptions(budget, total, newAccounts);
    }
}

package dev.flotilla.lab.check;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Settings for checkers built by name.
 *
 * @param budget how long a search-based checker may run before answering UNKNOWN
 * @param total the money in a bank history, required by the {@code bank} checker
 */
public record CheckerOptions(Duration budget, OptionalLong total) {

    /** The default time budget of search-based checkers. */
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(60);

    /** Validates that the budget is present and not negative. */
    public CheckerOptions {
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(total, "total");
        if (budget.isNegative()) {
            throw new IllegalArgumentException("budget must not be negative, was " + budget);
        }
    }

    /** Returns the defaults: a 60 s budget and no bank total. */
    public static CheckerOptions defaults() {
        return new CheckerOptions(DEFAULT_BUDGET, OptionalLong.empty());
    }

    /** Returns a copy with another time budget. */
    public CheckerOptions withBudget(Duration newBudget) {
        return new CheckerOptions(newBudget, total);
    }

    /** Returns a copy with the bank total set. */
    public CheckerOptions withTotal(long newTotal) {
        return new CheckerOptions(budget, OptionalLong.of(newTotal));
    }
}

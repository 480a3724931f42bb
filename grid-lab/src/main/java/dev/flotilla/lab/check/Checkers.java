package dev.flotilla.lab.check;

import dev.flotilla.lab.check.elle.Consistency;
import dev.flotilla.lab.check.elle.ListAppendChecker;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Factories for the built-in checkers, by type or by name. */
public final class Checkers {

    private static final List<String> NAMES = List.of("cas-register", "register", "linearizable",
            "versioned-register", "bank", "set", "counter", "list-append");

    private Checkers() {
    }

    /** Returns the names {@link #byName} accepts. */
    public static List<String> names() {
        return NAMES;
    }

    /** Returns the checker for a model name with default options; the {@code bank} checker needs {@link #byName(String, CheckerOptions)}. */
    public static Checker byName(String name) {
        return byName(name, CheckerOptions.defaults());
    }

    /**
     * Returns the checker for {@code cas-register}, {@code register}, {@code linearizable} (a
     * cas-register), {@code versioned-register}, {@code bank}, {@code set}, {@code counter} or
     * {@code list-append};
     * throws IllegalArgumentException for another name, or for {@code bank} without a total.
     */
    public static Checker byName(String name, CheckerOptions options) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
        switch (name.toLowerCase(Locale.ROOT)) {
            case "cas-register":
            case "linearizable":
                return casRegister(options.budget());
            case "register":
                return register(options.budget());
            case "versioned-register":
                return versionedRegister(options.budget());
            case "bank":
                return bank(options.total().orElseThrow(
                        () -> new IllegalArgumentException("the bank checker needs the total amount of money")));
            case "set":
                return set();
            case "counter":
                return counter();
            case "list-append":
                return listAppend(options.budget());
            default:
                throw new IllegalArgumentException("unknown model \"" + name + "\"; known: " + String.join(", ", NAMES));
        }
    }

    /** Returns a linearizability checker for a read/write/cas register per key, bounded by {@code budget}. */
    public static Checker casRegister(Duration budget) {
        return new LinearizabilityChecker(RegisterModel.CAS_REGISTER, budget);
    }

    /** Returns a linearizability checker for a read/write register per key, bounded by {@code budget}. */
    public static Checker register(Duration budget) {
        return new LinearizabilityChecker(RegisterModel.REGISTER, budget);
    }

    /**
     * Returns a linearizability checker for a versioned document per key (absent, or a value with a version that
     * grows by one per write and starts over after a delete), bounded by {@code budget}.
     */
    public static Checker versionedRegister(Duration budget) {
        return new LinearizabilityChecker(VersionedRegisterModel.INSTANCE, budget);
    }

    /** Returns a checker that every ok snapshot read sums to {@code total} with no negative balance. */
    public static Checker bank(long total) {
        return new BankChecker(total);
    }

    /** Returns a checker that no acknowledged add is lost and nothing unexpected is read. */
    public static Checker set() {
        return new SetChecker();
    }

    /** Returns a checker that counter reads lie between acknowledged and attempted increments. */
    public static Checker counter() {
        return new CounterChecker();
    }

    /**
     * Returns a serializability checker for list-append transaction histories (Elle's way: dependency cycles from
     * unique appended elements), whose cycle search is bounded by {@code budget}.
     */
    public static Checker listAppend(Duration budget) {
        return new ListAppendChecker(Consistency.SERIALIZABLE, budget);
    }
}

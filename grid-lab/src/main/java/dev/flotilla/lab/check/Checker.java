package dev.flotilla.lab.check;

import dev.flotilla.lab.history.History;

/** Decides whether a history satisfies one consistency rule. Implementations are pure and thread-safe. */
public interface Checker {

    /** Checks the history and returns the verdict with anomalies and a counterexample. */
    CheckResult check(History history);
}

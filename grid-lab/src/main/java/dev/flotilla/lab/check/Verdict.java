package dev.flotilla.lab.check;

/** The outcome of checking a history. UNKNOWN is never a pass. */
public enum Verdict {
    /** The history satisfies the checker's rule. */
    VALID,
    /** The history surely violates the rule; the result carries the anomalies and a counterexample. */
    INVALID,
    /** The checker could not decide (budget exhausted, nothing to check, unsupported operations). */
    UNKNOWN
}

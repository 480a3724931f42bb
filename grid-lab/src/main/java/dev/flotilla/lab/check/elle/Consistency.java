package dev.flotilla.lab.check.elle;

/** The isolation level a list-append history is checked against. */
public enum Consistency {
    /** Some serial order of the transactions explains every read; real time is ignored. */
    SERIALIZABLE,
    /** Serializable, and a transaction that completed before another was invoked comes first in that order. */
    STRICT_SERIALIZABLE
}

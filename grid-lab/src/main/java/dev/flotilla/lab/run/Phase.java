package dev.flotilla.lab.run;

/** The phases of an experiment, in order. */
public enum Phase {
    /** Starting the members (and waiting for CP discovery). */
    FORMING,
    /** Clients and the nemesis run together for the spec's duration. */
    RUNNING,
    /** Undoing the faults: replacement members join. */
    HEALING,
    /** Polling until the cluster is safe again. */
    SETTLING,
    /** Reading the final state. */
    FINAL_READS,
    /** Running the checker. */
    CHECKING,
    /** Writing history and reports. */
    REPORTING,
    /** Finished. */
    DONE
}

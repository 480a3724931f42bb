package dev.flotilla.server.lab;

import dev.flotilla.client.protocol.ExperimentStatus;

import java.util.Locale;

/** Where a submitted experiment is in its life; {@link #wire()} is the spelling in {@link ExperimentStatus#state()}. */
enum ExperimentState {
    /** Waiting behind the running experiment. */
    QUEUED,
    /** Running on its own in-process cluster. */
    RUNNING,
    /** Finished with a verdict; its files are written. */
    DONE,
    /** Stopped by an error before a verdict. */
    FAILED,
    /** Cancelled by {@code DELETE}: taken off the queue, or stopped while running (its cluster shut down). */
    CANCELLED;

    private final String wire = name().toLowerCase(Locale.ROOT);

    /** The lower-case name sent over HTTP: {@code queued}, {@code running}, {@code done}, {@code failed}, {@code cancelled}. */
    String wire() {
        return wire;
    }
}

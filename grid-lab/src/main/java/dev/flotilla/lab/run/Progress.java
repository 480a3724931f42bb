package dev.flotilla.lab.run;

/**
 * A running experiment's state, as its listener sees it.
 *
 * @param experiment    the spec's name
 * @param phase         what it is doing
 * @param operations    operations completed so far
 * @param members       running members now
 * @param faults        fault windows closed so far
 * @param elapsedMillis time since the experiment started
 */
public record Progress(String experiment, Phase phase, long operations, int members, int faults, long elapsedMillis) {
}

package dev.flotilla.lab.report;

/**
 * How the operations of a run completed.
 *
 * @param invoked every operation started
 * @param ok      surely took effect
 * @param fail    surely did not take effect
 * @param info    outcome unknown (including operations that never completed)
 */
public record Counts(int invoked, int ok, int fail, int info) {
}

package dev.flotilla.grid.guarantee;

/** One mode's implementation of all four families; {@link Guarantees} hands it out as each of them. */
interface ModeOperations extends Accounts, Register, GrowSet, Counter {
}

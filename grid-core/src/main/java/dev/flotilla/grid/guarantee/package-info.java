/**
 * Guarantee modes: seven named ways to run multi-key and read-modify-write operations, each with written promises.
 *
 * <p>{@link dev.flotilla.grid.guarantee.Guarantees#of} gives the four operation families of one
 * {@link dev.flotilla.grid.guarantee.GuaranteeMode}: {@link dev.flotilla.grid.guarantee.Accounts} (the money
 * transfer), {@link dev.flotilla.grid.guarantee.Register}, {@link dev.flotilla.grid.guarantee.GrowSet} and
 * {@link dev.flotilla.grid.guarantee.Counter}, the operations of the lab's bank, register, set and counter
 * workloads. Every failure is a {@link dev.flotilla.grid.GridException} classified by the grid's failure classifier;
 * {@code definite} is true only when the operation surely did not take effect. Nothing here retries a call whose
 * outcome is unknown. {@code docs/guarantees.md} lists each mode's promises and, after lab runs, the measurements.
 */
package dev.flotilla.grid.guarantee;

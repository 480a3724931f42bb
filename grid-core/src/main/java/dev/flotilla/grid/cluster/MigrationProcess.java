package dev.flotilla.grid.cluster;

import java.time.Instant;

/**
 * One rebalancing of partitions, as planned and run by the cluster's master after a membership change.
 *
 * @param startedAt      when the master started it
 * @param planned        replica migrations planned
 * @param completed      replica migrations completed so far
 * @param failed         replica migrations that failed so far (they are re-planned)
 * @param elapsedMillis  time spent so far, or in all once finished
 * @param finished       whether the process has ended (not every planned migration needs to have run)
 */
public record MigrationProcess(Instant startedAt, int planned, int completed, int failed, long elapsedMillis,
                               boolean finished) {
}

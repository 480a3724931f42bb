package dev.flotilla.client.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One rebalancing of partitions after a membership change.
 *
 * @param startedAt     when the master started it (ISO-8601)
 * @param planned       replica migrations planned
 * @param completed     replica migrations completed so far
 * @param failed        replica migrations that failed so far (they are re-planned)
 * @param elapsedMillis time spent so far, or in all once finished
 * @param finished      whether the process has ended
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MigrationView(String startedAt, int planned, int completed, int failed, long elapsedMillis,
                            boolean finished) {
}

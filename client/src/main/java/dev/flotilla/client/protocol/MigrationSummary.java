package dev.flotilla.client.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Migrations in brief, as part of {@link ClusterSummary}.
 *
 * @param inFlight                  whether the answering node coordinates a running migration process
 * @param replicaMigrationsInFlight whether the answering node's member is migrating replicas right now
 * @param recentFinished            finished processes the node remembers
 * @param lastFinished              the newest finished process, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MigrationSummary(boolean inFlight, boolean replicaMigrationsInFlight, int recentFinished,
                               MigrationView lastFinished) {
}

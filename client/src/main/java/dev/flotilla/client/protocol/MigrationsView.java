package dev.flotilla.client.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * The body of {@code GET /cluster/migrations}.
 *
 * <p>Only the master (the oldest member) coordinates migrations, so only its node reports {@link #inFlight()}
 * and {@link #recent()} in full; every node reports {@link #replicaMigrationsInFlight()} for itself.
 *
 * @param inFlight                  the running process, or null
 * @param recent                    finished processes, newest first, bounded in number
 * @param replicaMigrationsInFlight whether the answering node's member is migrating replicas right now
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MigrationsView(MigrationView inFlight, List<MigrationView> recent, boolean replicaMigrationsInFlight) {
}

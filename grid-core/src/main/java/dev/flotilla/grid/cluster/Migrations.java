package dev.flotilla.grid.cluster;

import java.util.List;
import java.util.Optional;

/**
 * Migrations seen by the local member.
 *
 * <p>Hazelcast reports migration processes to listeners on the member that coordinates them (the master, the
 * oldest member); other members report {@link #inFlight()} from their own partition service only, so ask the
 * master for the full record. {@link #replicaMigrationsInFlight()} is true on any member while it takes part in
 * a migration.
 *
 * @param inFlight                   the running process, if this member coordinates one
 * @param recent                     finished processes, newest first, bounded in number
 * @param replicaMigrationsInFlight  whether this member is migrating replicas right now
 */
public record Migrations(Optional<MigrationProcess> inFlight, List<MigrationProcess> recent,
                         boolean replicaMigrationsInFlight) {
    public Migrations {
        recent = List.copyOf(recent);
    }
}

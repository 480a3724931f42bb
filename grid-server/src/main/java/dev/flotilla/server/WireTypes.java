package dev.flotilla.server;

import dev.flotilla.client.protocol.ClusterEventView;
import dev.flotilla.client.protocol.ClusterMapsView;
import dev.flotilla.client.protocol.ClusterSummary;
import dev.flotilla.client.protocol.ExperimentStatus;
import dev.flotilla.client.protocol.MapStatisticsView;
import dev.flotilla.client.protocol.MemberMapsView;
import dev.flotilla.client.protocol.MemberView;
import dev.flotilla.client.protocol.MembersView;
import dev.flotilla.client.protocol.MembershipView;
import dev.flotilla.client.protocol.MigrationSummary;
import dev.flotilla.client.protocol.MigrationView;
import dev.flotilla.client.protocol.MigrationsView;
import dev.flotilla.client.protocol.PartitionView;
import dev.flotilla.client.protocol.KeyPartitionView;
import dev.flotilla.client.protocol.PartitionsView;
import dev.flotilla.client.protocol.Problem;
import dev.flotilla.client.protocol.SafetyView;
import dev.flotilla.client.protocol.WriteResult;
import io.micronaut.serde.annotation.SerdeImport;

/**
 * The wire records of the client module that micronaut-serde writes (the client module may not carry Micronaut
 * annotations). Batch bodies and problems are written by hand, as streams, and are not listed.
 */
@SerdeImport(WriteResult.class)
@SerdeImport(Problem.class)
@SerdeImport(ClusterSummary.class)
@SerdeImport(MemberView.class)
@SerdeImport(MembersView.class)
@SerdeImport(SafetyView.class)
@SerdeImport(MigrationView.class)
@SerdeImport(MigrationsView.class)
@SerdeImport(MigrationSummary.class)
@SerdeImport(PartitionView.class)
@SerdeImport(PartitionsView.class)
@SerdeImport(KeyPartitionView.class)
@SerdeImport(ClusterEventView.class)
@SerdeImport(MembershipView.class)
@SerdeImport(ExperimentStatus.class)
@SerdeImport(ClusterMapsView.class)
@SerdeImport(MemberMapsView.class)
@SerdeImport(MapStatisticsView.class)
final class WireTypes {
    private WireTypes() {
    }
}

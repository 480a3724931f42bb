package dev.flotilla.server.cluster;

import dev.flotilla.client.protocol.ClusterEventView;
import dev.flotilla.client.protocol.ClusterSummary;
import dev.flotilla.client.protocol.MemberView;
import dev.flotilla.client.protocol.MembersView;
import dev.flotilla.client.protocol.MembershipView;
import dev.flotilla.client.protocol.MigrationSummary;
import dev.flotilla.client.protocol.MigrationView;
import dev.flotilla.client.protocol.MigrationsView;
import dev.flotilla.client.protocol.PartitionView;
import dev.flotilla.client.protocol.PartitionsView;
import dev.flotilla.client.protocol.SafetyView;
import dev.flotilla.grid.cluster.ClusterEvent;
import dev.flotilla.grid.cluster.ClusterView;
import dev.flotilla.grid.cluster.MemberInfo;
import dev.flotilla.grid.cluster.Membership;
import dev.flotilla.grid.cluster.MigrationProcess;
import dev.flotilla.grid.cluster.Migrations;
import dev.flotilla.grid.cluster.PartitionTable;

import java.time.Instant;

/** Maps grid-core's cluster views to the wire records of {@code dev.flotilla.client.protocol}. */
final class ClusterViews {
    private ClusterViews() {
    }

    /** The summary; safety is {@code monitor}'s last background check, never a call to the other members. */
    static ClusterSummary summary(ClusterView cluster, SafetyMonitor monitor) {
        Migrations migrations = cluster.migrations();
        return new ClusterSummary(cluster.clusterName(), member(cluster.localMember()), cluster.members().size(),
                safety(monitor), cluster.partitions().partitions().size(),
                new MigrationSummary(migrations.inFlight().isPresent(), migrations.replicaMigrationsInFlight(),
                        migrations.recent().size(),
                        migrations.recent().isEmpty() ? null : migration(migrations.recent().get(0))));
    }

    static MembersView members(ClusterView cluster) {
        return new MembersView(cluster.members().stream().map(ClusterViews::member).toList());
    }

    static PartitionsView partitions(PartitionTable table) {
        return new PartitionsView(table.stamp(), table.partitions().size(), table.ownedCounts(), table.unowned(),
                table.partitions().stream().map(p -> new PartitionView(p.partitionId(), p.owner(), p.backups())).toList());
    }

    static MigrationsView migrations(Migrations migrations) {
        return new MigrationsView(migrations.inFlight().map(ClusterViews::migration).orElse(null),
                migrations.recent().stream().map(ClusterViews::migration).toList(),
                migrations.replicaMigrationsInFlight());
    }

    /**
     * The monitor's report: {@code clusterSafe} only when it is {@code SAFE} now, {@code localMemberSafe} only when
     * the member's fresh answer says so and the local count is complete (never from a stale or overdue check);
     * {@code running} is read live, and {@code checkedAt} says when the answer it rests on was taken (null when
     * not known).
     */
    static SafetyView safety(SafetyMonitor monitor) {
        SafetyMonitor.Report report = monitor.report();
        boolean safe = report.verdict() == SafetyMonitor.Verdict.SAFE;
        boolean localSafe = Boolean.TRUE.equals(report.localMemberSafe()) && report.coverage() != null
                && report.coverage().complete();
        return new SafetyView(monitor.running(), safe, localSafe,
                report.checkedAt() == null ? null : report.checkedAt().toString());
    }

    static MemberView member(MemberInfo m) {
        return new MemberView(m.uuid(), m.address(), m.local(), m.liteMember(), m.version(), m.attributes());
    }

    static MigrationView migration(MigrationProcess p) {
        return new MigrationView(p.startedAt().toString(), p.planned(), p.completed(), p.failed(), p.elapsedMillis(),
                p.finished());
    }

    static ClusterEventView event(ClusterEvent event) {
        String at = event.at().toString();
        if (event instanceof ClusterEvent.MemberJoined joined) {
            return new ClusterEventView(event.type(), at, member(joined.member()), null, null, null, null);
        }
        if (event instanceof ClusterEvent.UnknownMember unknown) {
            return new ClusterEventView(event.type(), at, member(unknown.member()), null, null, null, null);
        }
        if (event instanceof ClusterEvent.MemberLeft left) {
            return new ClusterEventView(event.type(), at, member(left.member()), null, null, null, null);
        }
        if (event instanceof ClusterEvent.MigrationStarted started) {
            return new ClusterEventView(event.type(), at, null, migration(started.migration()), null, null, null);
        }
        if (event instanceof ClusterEvent.MigrationFinished finished) {
            return new ClusterEventView(event.type(), at, null, migration(finished.migration()), null, null, null);
        }
        if (event instanceof ClusterEvent.PartitionLost lost) {
            return new ClusterEventView(event.type(), at, null, null, lost.partitionId(), lost.lostReplicaIndex(),
                    lost.reportedBy(), null, lost.maps());
        }
        if (event instanceof ClusterEvent.PartitionPromoted promoted) {
            return new ClusterEventView(event.type(), at, null, null, promoted.partitionId(),
                    promoted.lostReplicaIndex(), promoted.reportedBy());
        }
        if (event instanceof ClusterEvent.SplitDetected split) {
            return membershipEvent(event, split.membership());
        }
        if (event instanceof ClusterEvent.Merged merged) {
            return membershipEvent(event, merged.membership());
        }
        if (event instanceof ClusterEvent.MergeFailed failed) {
            return membershipEvent(event, failed.membership());
        }
        return new ClusterEventView(event.type(), at, null, null, null, null, null);
    }

    static MembershipView membership(Membership membership) {
        return new MembershipView(membership.seen(), membership.expected(), membership.minority());
    }

    private static ClusterEventView membershipEvent(ClusterEvent event, Membership membership) {
        return new ClusterEventView(event.type(), event.at().toString(), null, null, null, null, null,
                membership(membership));
    }

    static ClusterEventView subscribed(ClusterView cluster) {
        return new ClusterEventView("subscribed", Instant.now().toString(), member(cluster.localMember()), null, null,
                null, null);
    }

    static ClusterEventView heartbeat() {
        return new ClusterEventView("heartbeat", Instant.now().toString(), null, null, null, null, null);
    }
}

package dev.flotilla.grid.guarantee;

import com.hazelcast.cp.CPGroup;
import com.hazelcast.cp.CPGroupId;
import com.hazelcast.cp.internal.RaftService;
import com.hazelcast.cp.internal.raft.impl.RaftEndpoint;
import com.hazelcast.cp.internal.raft.impl.RaftNode;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import dev.flotilla.grid.Grid;
import dev.flotilla.grid.GridConfig;
import dev.flotilla.grid.fixture.GridCluster;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** CP test helpers: a 3-CP-member config with short Raft timeouts, waiting for CP, finding the Raft leader. */
final class CpMembers {
    private CpMembers() {
    }

    /** 3 CP members, leader election after 1 s, heartbeats every 300 ms. */
    static UnaryOperator<GridConfig.Builder> threeCpMembers() {
        return b -> b.cpMemberCount(3)
                .cpLeaderElectionTimeout(Duration.ofMillis(1000))
                .cpLeaderHeartbeatPeriod(Duration.ofMillis(300));
    }

    /** Waits until every member finished CP discovery. */
    static void awaitCpDiscovery(List<Grid> members) {
        Awaitility.await("CP discovery completed").atMost(GridCluster.SETTLE).pollInterval(Duration.ofMillis(100))
                .until(() -> members.stream().allMatch(g ->
                        g.hazelcast().getCPSubsystem().getCPSubsystemManagementService().isDiscoveryCompleted()));
    }

    /** The member leading the DEFAULT CP group, once there is one (the group exists after the first CP call). */
    static Grid defaultGroupLeader(List<Grid> members) {
        return Awaitility.await("DEFAULT CP group leader known").atMost(GridCluster.SETTLE)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> leaderOf(members), Objects::nonNull);
    }

    private static Grid leaderOf(List<Grid> members) throws Exception {
        Grid any = members.get(0);
        CPGroupId group = any.hazelcast().getCPSubsystem().getCPSubsystemManagementService()
                .getCPGroup(CPGroup.DEFAULT_GROUP_NAME).toCompletableFuture().get(10, TimeUnit.SECONDS).id();
        RaftService raft = ((HazelcastInstanceProxy) any.hazelcast()).getOriginal().node.getNodeEngine()
                .getService(RaftService.SERVICE_NAME);
        RaftNode node = raft.getRaftNode(group);
        RaftEndpoint leader = node == null ? null : node.getLeader();
        if (leader == null) {
            return null;
        }
        return members.stream()
                .filter(g -> g.hazelcast().getCPSubsystem().getLocalCPMember().getUuid().equals(leader.getUuid()))
                .findFirst().orElse(null);
    }
}

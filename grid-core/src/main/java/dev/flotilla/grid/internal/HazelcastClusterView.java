package dev.flotilla.grid.internal;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.instance.impl.Node;
import com.hazelcast.internal.cluster.impl.ClusterServiceImpl;
import com.hazelcast.map.IMap;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.internal.partition.InternalPartition;
import com.hazelcast.internal.partition.impl.InternalPartitionServiceImpl;
import com.hazelcast.internal.partition.PartitionReplica;
import com.hazelcast.partition.PartitionService;
import dev.flotilla.grid.cluster.BackupCoverage;
import dev.flotilla.grid.cluster.ClusterEvent;
import dev.flotilla.grid.cluster.ClusterView;
import dev.flotilla.grid.cluster.KeyPartition;
import dev.flotilla.grid.cluster.MemberInfo;
import dev.flotilla.grid.cluster.MemberState;
import dev.flotilla.grid.cluster.Membership;
import dev.flotilla.grid.cluster.Migrations;
import dev.flotilla.grid.cluster.PartitionReplicas;
import dev.flotilla.grid.cluster.PartitionTable;
import dev.flotilla.grid.cluster.Safety;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static com.hazelcast.cluster.memberselector.MemberSelectors.DATA_MEMBER_SELECTOR;

/** {@link ClusterView} on a local Hazelcast member; partition replicas come from its internal partition service. */
public final class HazelcastClusterView implements ClusterView {
    private static final Logger LOG = LoggerFactory.getLogger(HazelcastClusterView.class);

    private final HazelcastInstance hazelcast;
    private final int replicasShown;
    private final List<Consumer<ClusterEvent>> listeners = new CopyOnWriteArrayList<>();
    private final MigrationWatcher migrations = new MigrationWatcher(this::publish);
    private final MembershipWatcher membership;
    private volatile boolean shuttingDown;
    private final String memberSecret;
    /**
     * Unknown members by UUID, each with the reason, judged once when it is seen: a member's attributes and address
     * do not change while it is a member, so neither does the verdict.
     */
    private final Map<UUID, Map.Entry<MemberInfo, String>> unknown = new ConcurrentHashMap<>();

    /**
     * @param replicasShown backups listed per partition: the most any map keeps (Hazelcast assigns replicas to
     *                      every member, whether a map uses them or not)
     * @param memberSecret  the cluster's member secret, or null (see {@link MemberProof})
     */
    public HazelcastClusterView(HazelcastInstance hazelcast, int replicasShown, String memberSecret) {
        this.hazelcast = hazelcast;
        this.replicasShown = replicasShown;
        this.memberSecret = memberSecret;
        PartitionService partitions = hazelcast.getPartitionService();
        partitions.addMigrationListener(migrations);
        partitions.addPartitionLostListener(event -> publish(classify(event.getPartitionId(),
                event.getLostBackupCount(), format(event.getEventSource()))));
        hazelcast.getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleEvent.LifecycleState.SHUTTING_DOWN) {
                shuttingDown = true;
            }
        });
        // Hazelcast assigns partitions lazily, on first use; assign them now so the views show owners from the start.
        internalPartitions().getPartitionOwner(0);
        membership = new MembershipWatcher(this::publish, this::toInfo,
                uuid -> internalPartitions().getLeftMemberSnapshot(uuid) != null,
                () -> hazelcast.getCluster().getMembers().size());
        hazelcast.getCluster().addMembershipListener(membership);
        hazelcast.getLifecycleService().addLifecycleListener(membership);
        hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                judge(event.getMember());
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                unknown.remove(event.getMember().getUuid());
            }
        });
        hazelcast.getCluster().getMembers().forEach(this::judge);
    }

    /** Logs and publishes a member this member does not recognise, once per member. */
    private void judge(Member member) {
        MemberProof.problem(member, clusterName(), memberSecret).ifPresent(reason -> {
            MemberInfo info = toInfo(member);
            if (unknown.putIfAbsent(member.getUuid(), Map.entry(info, reason)) == null) {
                LOG.error("UNKNOWN MEMBER in cluster '{}': {} ({}); it can read and write every map. Remove it and "
                        + "close the member port to it (see docs/security.md)", clusterName(), info.address(), reason);
                publish(new ClusterEvent.UnknownMember(Instant.now(), info, reason));
            }
        });
    }

    @Override
    public Map<MemberInfo, String> unknownMembers() {
        Map<MemberInfo, String> now = new LinkedHashMap<>();
        // In member order, and only current members: removal events may arrive before the addition they follow.
        for (Member member : hazelcast.getCluster().getMembers()) {
            Map.Entry<MemberInfo, String> judged = unknown.get(member.getUuid());
            if (judged != null) {
                now.put(judged.getKey(), judged.getValue());
            }
        }
        return now;
    }

    @Override
    public String clusterName() {
        return hazelcast.getConfig().getClusterName();
    }

    @Override
    public MemberInfo localMember() {
        return toInfo(hazelcast.getCluster().getLocalMember());
    }

    @Override
    public List<MemberInfo> members() {
        return hazelcast.getCluster().getMembers().stream().map(this::toInfo).toList();
    }

    @Override
    public PartitionTable partitions() {
        InternalPartitionServiceImpl service = internalPartitions();
        int count = service.getPartitionCount();
        List<PartitionReplicas> table = new ArrayList<>(count);
        for (int id = 0; id < count; id++) {
            InternalPartition partition = service.getPartition(id, false);
            PartitionReplica owner = partition.getReplica(0);
            List<String> backups = new ArrayList<>();
            for (int index = 1; index <= replicasShown && index < InternalPartition.MAX_REPLICA_COUNT; index++) {
                PartitionReplica backup = partition.getReplica(index);
                if (backup != null) {
                    backups.add(format(backup.address()));
                }
            }
            table.add(new PartitionReplicas(id, owner == null ? null : format(owner.address()), backups));
        }
        return new PartitionTable(service.getPartitionStateStamp(), table);
    }

    @Override
    public KeyPartition partitionOf(String key) {
        InternalPartitionServiceImpl service = internalPartitions();
        // The same serialisation and hash as the map's own operations: the key's Data, hashed, mod the count.
        int id = service.getPartitionId(key);
        PartitionReplica owner = service.getPartition(id, false).getReplica(0);
        if (owner == null) {
            return new KeyPartition(id, service.getPartitionCount(), null, false);
        }
        return new KeyPartition(id, service.getPartitionCount(), format(owner.address()), owner.uuid().equals(node().getThisUuid()));
    }

    @Override
    public Migrations migrations() {
        return new Migrations(migrations.inFlight(), migrations.recent(), internalPartitions().hasOnGoingMigrationLocal());
    }

    @Override
    public Membership membership() {
        return membership.membership();
    }

    @Override
    public Safety safety() {
        boolean running = hazelcast.getLifecycleService().isRunning();
        if (!running) {
            return new Safety(false, false, false, 0);
        }
        PartitionService partitions = hazelcast.getPartitionService();
        return new Safety(true, partitions.isClusterSafe(), partitions.isLocalMemberSafe(),
                hazelcast.getCluster().getMembers().size());
    }

    @Override
    public BackupCoverage coverage() {
        InternalPartitionServiceImpl service = internalPartitions();
        ClusterServiceImpl members = node().getClusterService();
        int dataMembers = members.getSize(DATA_MEMBER_SELECTOR);
        int expected = Math.min(replicasShown, Math.max(0, dataMembers - 1));
        int count = service.getPartitionCount();
        int unowned = 0;
        int underBackedUp = 0;
        boolean migrating = service.hasOnGoingMigrationLocal();
        for (int id = 0; id < count; id++) {
            InternalPartition partition = service.getPartition(id, false);
            migrating |= partition.isMigrating();
            if (!live(members, partition.getReplica(0))) {
                unowned++;
                continue;
            }
            int backups = 0;
            for (int index = 1; index <= expected && index < InternalPartition.MAX_REPLICA_COUNT; index++) {
                if (live(members, partition.getReplica(index))) {
                    backups++;
                }
            }
            if (backups < expected) {
                underBackedUp++;
            }
        }
        return new BackupCoverage(count, expected, unowned, underBackedUp, migrating);
    }

    @Override
    public MemberState memberState() {
        boolean running = hazelcast.getLifecycleService().isRunning();
        return new MemberState(running, running && node().getClusterService().isJoined(), shuttingDown);
    }

    /**
     * A partition lost replicas 0 to {@code lostReplicaIndex}: lost for the maps whose total backup count is not
     * above that index (the rule of Hazelcast's own map partition-lost events), promoted for the others.
     */
    ClusterEvent classify(int partitionId, int lostReplicaIndex, String reportedBy) {
        List<String> maps = hazelcast.getDistributedObjects().stream()
                .filter(o -> o instanceof IMap<?, ?>)
                .map(DistributedObject::getName)
                .filter(name -> hazelcast.getConfig().findMapConfig(name).getTotalBackupCount() <= lostReplicaIndex)
                .sorted()
                .toList();
        Instant now = Instant.now();
        return maps.isEmpty()
                ? new ClusterEvent.PartitionPromoted(now, partitionId, lostReplicaIndex, reportedBy)
                : new ClusterEvent.PartitionLost(now, partitionId, lostReplicaIndex, reportedBy, maps);
    }

    @Override
    public Subscription subscribe(Consumer<ClusterEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void publish(ClusterEvent event) {
        for (Consumer<ClusterEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                // One failing subscriber must not starve the others or Hazelcast's event thread.
                LOG.warn("cluster event listener failed on {}", event.type(), e);
            }
        }
    }

    /**
     * The member's partition service; the implementation's {@code getLeftMemberSnapshot} keeps the table a removed
     * member still had replicas in, and nothing for a member that held none.
     */
    private InternalPartitionServiceImpl internalPartitions() {
        return (InternalPartitionServiceImpl) node().getPartitionService();
    }

    private Node node() {
        return ((HazelcastInstanceProxy) hazelcast).getOriginal().node;
    }

    private static boolean live(ClusterServiceImpl members, PartitionReplica replica) {
        return replica != null && members.getMember(replica.address(), replica.uuid()) != null;
    }

    private MemberInfo toInfo(Member member) {
        return new MemberInfo(member.getUuid().toString(), format(member.getAddress()), member.localMember(),
                member.isLiteMember(), member.getVersion().toString(), member.getAttributes());
    }

    private static String format(com.hazelcast.cluster.Address address) {
        return address == null ? null : address.getHost() + ":" + address.getPort();
    }
}

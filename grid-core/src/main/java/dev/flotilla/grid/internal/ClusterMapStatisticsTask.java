package dev.flotilla.grid.internal;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import dev.flotilla.grid.map.ClusterMapStatistics;
import dev.flotilla.grid.map.MapStatistics;
import dev.flotilla.grid.map.MemberMapStatistics;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks every member for its {@link MapStatisticsSampler#read()} through an executor service and waits for the
 * answers until a deadline; a member that does not answer in time (or fails, or joined after the request went out)
 * is listed as missing.
 */
public final class ClusterMapStatisticsTask implements Callable<MemberMapStatistics>, Serializable, HazelcastInstanceAware {
    @Serial
    private static final long serialVersionUID = 1L;
    /** The executor service the tasks run on (its default 16 threads per member). */
    public static final String EXECUTOR = "_flotilla-statistics";

    private transient HazelcastInstance hazelcast;

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    @Override
    public MemberMapStatistics call() {
        return MapStatisticsSampler.of(hazelcast).read();
    }

    /** Every member's statistics, or its address under {@code missing}; returns by {@code deadline} at the latest. */
    public static ClusterMapStatistics gather(HazelcastInstance hazelcast, Duration deadline) {
        Instant takenAt = Instant.now();
        long end = System.nanoTime() + deadline.toNanos();
        Map<Member, Future<MemberMapStatistics>> answers =
                hazelcast.getExecutorService(EXECUTOR).submitToAllMembers(new ClusterMapStatisticsTask());
        List<Member> asked = new ArrayList<>(hazelcast.getCluster().getMembers());
        answers.keySet().stream().filter(m -> !asked.contains(m)).forEach(asked::add);
        List<MemberMapStatistics> members = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Member member : asked) {
            Future<MemberMapStatistics> answer = answers.get(member);
            try {
                if (answer == null) {
                    throw new TimeoutException("joined after the request");
                }
                members.add(answer.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException | ExecutionException | RuntimeException e) {
                if (answer != null) {
                    answer.cancel(true);
                }
                missing.add(address(member));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                missing.add(address(member));
            }
        }
        return new ClusterMapStatistics(takenAt, members, missing, sums(members));
    }

    private static String address(Member member) {
        return member.getAddress().getHost() + ":" + member.getAddress().getPort();
    }

    private static List<MapStatistics> sums(List<MemberMapStatistics> members) {
        Map<String, MapStatistics> sums = new TreeMap<>();
        for (MemberMapStatistics member : members) {
            for (MapStatistics s : member.maps()) {
                sums.merge(s.name(), s, MapStatistics::plus);
            }
        }
        return List.copyOf(sums.values());
    }
}

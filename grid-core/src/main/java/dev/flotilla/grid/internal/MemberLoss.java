package dev.flotilla.grid.internal;

import com.hazelcast.cluster.Cluster;
import com.hazelcast.cluster.Member;

import java.util.Set;

/**
 * Decides whether a "no" answer (a compare-and-set that found another value, a withdrawal that found too little)
 * can be trusted: not when a member left the local member list during the call.
 *
 * <p>Why that is the sign: Hazelcast retries a partition call whose target left ({@code MemberLeftException} is
 * retryable), and a retry of a call whose first attempt already applied sees its own effect and answers "no". The
 * invocation monitor fails such calls with {@code MemberLeftException} only from its member-left task, which the
 * cluster service schedules after it has removed the member from the local member list (and which fails only the
 * invocations sent under an older member-list version); so a retried call cannot return before the removal is
 * visible to a member-list read taken after it. Reading the member list is a local, lock-free read.
 */
public final class MemberLoss {
    private MemberLoss() {
    }

    /** The local member list now. */
    public static Set<Member> snapshot(Cluster cluster) {
        return Set.copyOf(cluster.getMembers());
    }

    /** True when a member of {@code before} is not in {@code after} (members that joined meanwhile do not count). */
    public static boolean anyLeft(Set<Member> before, Set<Member> after) {
        return !after.containsAll(before);
    }
}

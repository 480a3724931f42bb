package dev.flotilla.grid.internal;

import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IndeterminateOperationStateException;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.core.OperationTimeoutException;
import com.hazelcast.cp.exception.CPGroupDestroyedException;
import com.hazelcast.partition.NoDataMemberInClusterException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import dev.flotilla.grid.GridException;
import dev.flotilla.grid.GridFailure;
import dev.flotilla.grid.internal.store.StoreException;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The one place that maps a Hazelcast failure to a {@link GridFailure}.
 *
 * <p>The rule for {@code definite}: only failures raised before the operation could have run on its target are
 * definite. Everything that may surface after an operation was sent (timeouts, a lost target, an unknown CP
 * outcome, anything unrecognised) is not.
 *
 * <p>One known gap: Hazelcast retries an invocation whose target left, and a refusal of the retry (no quorum
 * after the crash, no data member left) looks definite although the first attempt may have run. Versioned writes
 * recognise their own retries ({@code VersionedWrite}); other operations can, in that rare case, report a
 * definite refusal of something that was applied.
 */
public final class FailureClassifier {
    private FailureClassifier() {
    }

    /** The classified failure; a {@link GridException} passes through unchanged. */
    public static GridException classify(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof GridException grid) {
            return grid;
        }
        for (Throwable cause = t; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            // The store's own message says which map and why, without the password or the statement's data.
            if (cause instanceof StoreException store) {
                return new GridException(store.definite() ? GridFailure.STORE_UNAVAILABLE : GridFailure.STORE_TIMEOUT,
                        store.getMessage(), store);
            }
        }
        GridFailure kind = kindOf(t);
        return new GridException(kind, describe(kind), t);
    }

    static GridFailure kindOf(Throwable t) {
        // Order matters: several of these extend each other.
        if (t instanceof SplitBrainProtectionException) {
            return GridFailure.NO_QUORUM;
        }
        if (t instanceof com.hazelcast.map.ReachedMaxSizeException) {
            return GridFailure.STORE_QUEUE_FULL;
        }
        if (t instanceof NoDataMemberInClusterException) {
            return GridFailure.NO_DATA_MEMBER;
        }
        if (t instanceof CPGroupDestroyedException) {
            return GridFailure.CP_GROUP_DESTROYED;
        }
        if (t instanceof IndeterminateOperationStateException) {
            return GridFailure.INDETERMINATE;
        }
        // A transaction that outlived its timeout (a commit held up by a merge or by locks across a cut): Hazelcast
        // does not say how far the commit got, so it is a timeout, not an internal error.
        if (t instanceof OperationTimeoutException || t instanceof TimeoutException
                || t instanceof com.hazelcast.transaction.TransactionTimedOutException) {
            return GridFailure.TIMEOUT;
        }
        if (t instanceof MemberLeftException || t instanceof TargetDisconnectedException
                || t instanceof TargetNotMemberException || t instanceof HazelcastInstanceNotActiveException) {
            return GridFailure.MEMBER_LOST;
        }
        return GridFailure.INTERNAL;
    }

    private static String describe(GridFailure kind) {
        return switch (kind) {
            case NO_QUORUM -> "this side of the cluster has fewer (recently active) members than the map's split-brain "
                    + "protection requires";
            case NO_DATA_MEMBER -> "no member of the cluster can own data";
            case CP_GROUP_DESTROYED -> "the CP group was destroyed";
            case INDETERMINATE -> "the outcome of the CP operation is unknown";
            case STORE_QUEUE_FULL -> "the write-behind queue is full (the database is behind or down); nothing was "
                    + "written";
            case TIMEOUT -> "the operation timed out; it may have been applied";
            case MEMBER_LOST -> "the member running the operation left mid-call; it may have been applied";
            default -> "unexpected failure; the operation may have been applied";
        };
    }

    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null && current != current.getCause()) {
            current = current.getCause();
        }
        if (current instanceof CancellationException) {
            return new TimeoutException("cancelled");
        }
        return current;
    }
}

package dev.flotilla.grid.guarantee;

import dev.flotilla.grid.GridException;
import dev.flotilla.grid.GridFailure;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A named way to run the operations of {@link Accounts}, {@link Register}, {@link GrowSet} and {@link Counter}.
 *
 * <p>Each constant states what it promises when a member joins (migration), leaves gracefully, crashes, and when
 * the cluster splits, and what it is expected to lose (DESIGN.md section 5). These are expectations: the
 * consistency lab measures them and may show one wrong; {@code docs/guarantees.md} carries the measured tables.
 *
 * <p>Facts shared by the map-based modes ({@link #UNSAFE}, {@link #ATOMIC_KEY}, {@link #LOCKED},
 * {@link #TX_ONE_PHASE}, {@link #TX_TWO_PHASE}): every single-key operation is retried by Hazelcast on the new
 * owner when it meets a migrating partition (before it runs, so safely) and also when its target member leaves
 * mid-call ({@code MemberLeftException} is retryable), which can apply a write twice; acknowledged writes survive
 * one crash only with a synchronous backup ({@code backup-count >= 1}); after a split brain heals, Hazelcast's
 * default {@code PutIfAbsentMergePolicy} keeps the larger side's value of every key both sides hold, so the
 * smaller side's updates are lost. The split-brain statements below assume that default: a map's
 * {@code merge-policy} changes what the merge keeps ({@code union} keeps the set's adds from both sides), and its
 * {@code split-brain-min-size} makes the smaller side refuse (definite {@code no-quorum}) instead of writing.
 */
public enum GuaranteeMode {
    /**
     * Get, then put, with no coordination at all: the baseline.
     *
     * <p>Keeps nothing under concurrency: two concurrent read-modify-writes of one key lose one update, even on a
     * single member. Migration and graceful leave: each get and put is retried on the new owner, nothing
     * acknowledged is lost. Crash: acknowledged puts survive with {@code backup-count >= 1}; a put in flight may
     * be applied twice or not at all. Split brain: both sides write; the merge drops the smaller side's updates.
     * A transfer may move money that a concurrent transfer already moved (the total is not conserved).
     */
    UNSAFE("unsafe"),
    /**
     * Single-key atomic steps: entry processors and {@code replace(key, old, new)}.
     *
     * <p>Keeps single-key atomicity: no lost updates on one key. Does not keep multi-key atomicity: a transfer is a
     * withdrawal and then a deposit, two atomic steps; without faults both complete and the total is conserved, but
     * a failure between them leaves the money withdrawn and not deposited, and a snapshot read can fall between
     * them. Migration and graceful leave: steps are retried on the new owner before running, so nothing is lost.
     * Crash: a step whose owner dies mid-call is retried by Hazelcast (at least once) and can be applied twice
     * (a counter over-counts, a withdrawal happens twice); a retried {@code replace} or withdrawal that had applied
     * would answer "no", so a "no" given while a member left the member list fails with the non-definite
     * {@link GridFailure#MEMBER_LOST} instead of a definite refusal; acknowledged steps
     * survive with {@code backup-count >= 1}. Split brain: both sides apply steps; the merge drops the smaller
     * side's.
     */
    ATOMIC_KEY("atomic-key"),
    /**
     * {@code IMap.tryLock} on every key involved, in key order (no deadlock), then get and put, then unlock.
     *
     * <p>Keeps mutual exclusion, and so the total of a bank, without faults. Locks carry a lease
     * (10 s) so a vanished holder cannot block a key forever, and a caller waits at most 30 s for a lock (then
     * fails with the definite {@link GridFailure#LOCK_UNAVAILABLE}: nothing ran); an operation that outlives its lease loses
     * exclusion. Migration and graceful leave: locks move with their partitions.
     * Crash: locks of the crashed caller are released, and the updates it made so far stay (a transfer can be
     * half done); a put whose owner dies may be applied twice or lost without a backup. Split brain: each side
     * grants the same lock; the merge drops the smaller side's updates.
     */
    LOCKED("locked"),
    /**
     * A Hazelcast {@code TransactionContext} of type ONE_PHASE: {@code getForUpdate} in key order, put, commit.
     *
     * <p>Keeps atomic commit without faults (reads inside the transaction lock the keys, so the total of a bank is
     * conserved and snapshot reads are consistent). Migration and graceful leave: transactional operations are
     * retried on the new owner. Crash: the commit has no prepare phase and no replicated log, so a member dying
     * mid-commit can leave some keys written and others not (a partial commit). Split brain: both sides commit;
     * the merge drops the smaller side's updates.
     */
    TX_ONE_PHASE("tx-one-phase"),
    /**
     * A Hazelcast {@code TransactionContext} of type TWO_PHASE with durability 1: prepare, replicate the commit
     * log to one other member, then commit.
     *
     * <p>Keeps atomic commit through one member crash: the member holding the log backup finishes a commit whose
     * coordinator died. Migration and graceful leave: as {@link #TX_ONE_PHASE}. Loses: reads outside a
     * transaction can see a commit half applied; split brain (both sides commit, the merge drops the smaller
     * side's updates); two crashes at once can still leave a partial commit.
     */
    TX_TWO_PHASE("tx-two-phase"),
    /**
     * The CP Subsystem (Raft) with 3 or more CP members: {@code IAtomicLong}, {@code IAtomicReference}.
     *
     * <p>Keeps linearizability through the crash of a minority of CP members: every operation is one Raft commit
     * (a transfer too: it alters one replicated ledger), applied exactly once or not at all. A call in flight when
     * the Raft leader dies fails with {@link GridFailure#INDETERMINATE} (not definite: it may or may not have been
     * applied, never twice), because the grid must run with {@code cp.fail-on-indeterminate-state: true}.
     * Migration: members joining as AP members do not move CP data. Graceful leave and crash: the group keeps
     * working while a majority of its CP members remain. Loses availability when a majority of CP members is lost
     * or cut off: calls block and then fail; in a split brain only the majority side makes progress.
     */
    CP("cp"),
    /**
     * The very same CP calls on a grid with CP member count 0, where Hazelcast runs them in unsafe mode.
     *
     * <p>Unsafe mode puts each structure in a partition with one synchronous backup and replicates lazily, with no
     * consensus. Migration and graceful leave: as the map modes. Crash: Hazelcast documents that an acknowledged
     * operation can be lost, and a call whose owner dies may be retried and applied twice. Split brain: both sides
     * accept writes. Keeps nothing on crash; single operations are atomic while the cluster is stable.
     */
    CP_UNSAFE("cp-unsafe");

    private final String id;

    GuaranteeMode(String id) {
        this.id = id;
    }

    /** The stable kebab-case name used in configs, HTTP requests, lab reports and histories. */
    public String id() {
        return id;
    }

    /** Whether this mode runs on CP Subsystem structures ({@link #CP} and {@link #CP_UNSAFE}). */
    public boolean usesCpSubsystem() {
        return this == CP || this == CP_UNSAFE;
    }

    /**
     * The mode with that id, for example {@code "tx-two-phase"}.
     *
     * @throws GridException {@link GridFailure#INVALID_ARGUMENT}, definite, naming every valid id
     */
    public static GuaranteeMode fromId(String id) {
        for (GuaranteeMode mode : values()) {
            if (mode.id.equals(id)) {
                return mode;
            }
        }
        throw new GridException(GridFailure.INVALID_ARGUMENT, "unknown guarantee mode '" + printable(id)
                + "'; valid modes: " + validIds());
    }

    /** Every valid id, comma separated, in declaration order. */
    public static String validIds() {
        return Arrays.stream(values()).map(GuaranteeMode::id).collect(Collectors.joining(", "));
    }

    /** The {@link #id()}. */
    @Override
    public String toString() {
        return id;
    }

    private static String printable(String s) {
        if (s == null) {
            return "null";
        }
        String cut = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        return cut.codePoints().mapToObj(cp -> Character.isISOControl(cp) ? "?" : Character.toString(cp))
                .collect(Collectors.joining());
    }
}

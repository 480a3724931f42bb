package dev.flotilla.grid.guarantee;

import com.hazelcast.config.cp.CPSubsystemConfig;
import com.hazelcast.core.HazelcastInstance;
import dev.flotilla.grid.Grid;
import dev.flotilla.grid.GridException;
import dev.flotilla.grid.GridFailure;

import java.util.List;

/**
 * The four operation families ({@link Accounts}, {@link Register}, {@link GrowSet}, {@link Counter}) run under one
 * {@link GuaranteeMode}, on one member, inside one namespace.
 *
 * <pre>{@code
 * Guarantees bank = Guarantees.of(GuaranteeMode.TX_TWO_PHASE, grid, "demo");
 * bank.accounts().open(Map.of("alice", 100L, "bob", 0L));
 * bank.accounts().transfer("alice", "bob", 30);
 * }</pre>
 *
 * <p>The namespace keeps runs apart: the map-based modes use the maps named by {@link #mapNames(String)} (give them
 * {@code MapSettings} under those names), the CP modes use CP structures whose names start with the namespace. Modes
 * share nothing: data written under one mode is not meant to be read under another. Instances are thread-safe.
 */
public final class Guarantees {
    private final GuaranteeMode mode;
    private final String namespace;
    private final ModeOperations operations;

    private Guarantees(GuaranteeMode mode, String namespace, ModeOperations operations) {
        this.mode = mode;
        this.namespace = namespace;
        this.operations = operations;
    }

    /**
     * The families of {@code mode} on this grid member; see {@link #of(GuaranteeMode, HazelcastInstance, String)}.
     *
     * @throws GridException {@link GridFailure#INVALID_ARGUMENT}, definite, when the mode does not fit the grid or
     *                       the namespace is malformed
     */
    public static Guarantees of(GuaranteeMode mode, Grid grid, String namespace) {
        if (grid == null) {
            throw new GridException(GridFailure.INVALID_ARGUMENT, "grid must not be null");
        }
        return of(mode, grid.hazelcast(), namespace);
    }

    /**
     * The families of {@code mode} on this Hazelcast member, checking that the mode fits its CP configuration.
     *
     * <p>{@link GuaranteeMode#CP} needs CP member count 3 or more and fail-on-indeterminate-operation-state on (or
     * a retried call could apply twice); {@link GuaranteeMode#CP_UNSAFE} needs CP member count 0.
     *
     * @param namespace 1-48 letters, digits, '_', '.' or '-', starting with a letter or digit
     * @throws GridException {@link GridFailure#INVALID_ARGUMENT}, definite, when the mode does not fit the member's
     *                       config or the namespace is malformed
     */
    public static Guarantees of(GuaranteeMode mode, HazelcastInstance hazelcast, String namespace) {
        if (mode == null) {
            throw new GridException(GridFailure.INVALID_ARGUMENT,
                    "guarantee mode must be set; valid modes: " + GuaranteeMode.validIds());
        }
        if (hazelcast == null) {
            throw new GridException(GridFailure.INVALID_ARGUMENT, "hazelcast instance must not be null");
        }
        String ns = GuaranteeNames.requireNamespace(namespace);
        if (mode.usesCpSubsystem()) {
            requireCpFit(mode, hazelcast.getConfig().getCPSubsystemConfig());
        }
        GuaranteeNames names = new GuaranteeNames(ns);
        ModeOperations operations = switch (mode) {
            case UNSAFE -> new UnsafeGuarantee(GuaranteeMaps.of(hazelcast, names));
            case ATOMIC_KEY -> new AtomicKeyGuarantee(GuaranteeMaps.of(hazelcast, names), hazelcast.getCluster());
            case LOCKED -> new LockedGuarantee(GuaranteeMaps.of(hazelcast, names));
            case TX_ONE_PHASE -> TransactionalGuarantee.onePhase(hazelcast, names);
            case TX_TWO_PHASE -> TransactionalGuarantee.twoPhase(hazelcast, names);
            case CP, CP_UNSAFE -> new CpGuarantee(hazelcast.getCPSubsystem(), names);
        };
        return new Guarantees(mode, ns, operations);
    }

    /**
     * The IMap names the map-based modes use in {@code namespace}: bank, register, set and counter, in that order.
     *
     * @throws GridException {@link GridFailure#INVALID_ARGUMENT}, definite, for a malformed namespace
     */
    public static List<String> mapNames(String namespace) {
        GuaranteeNames names = new GuaranteeNames(GuaranteeNames.requireNamespace(namespace));
        return List.of(names.bankMap(), names.registerMap(), names.setMap(), names.counterMap());
    }

    /** The mode every operation here runs under. */
    public GuaranteeMode mode() {
        return mode;
    }

    /** The namespace that keeps this handle's data apart from other runs. */
    public String namespace() {
        return namespace;
    }

    /** Bank accounts and transfers under this mode. */
    public Accounts accounts() {
        return operations;
    }

    /** Keyed long registers under this mode. */
    public Register register() {
        return operations;
    }

    /** The grow-only set under this mode. */
    public GrowSet set() {
        return operations;
    }

    /** The counter under this mode. */
    public Counter counter() {
        return operations;
    }

    /** The mode and namespace, for logs. */
    @Override
    public String toString() {
        return "Guarantees[" + mode.id() + " in '" + namespace + "']";
    }

    private static void requireCpFit(GuaranteeMode mode, CPSubsystemConfig cp) {
        int cpMembers = cp.getCPMemberCount();
        if (mode == GuaranteeMode.CP && cpMembers < 3) {
            throw new GridException(GridFailure.INVALID_ARGUMENT, "mode 'cp' needs a grid with cp.member-count 3 to 7,"
                    + " but this grid has " + cpMembers + ": without CP members Hazelcast runs CP calls in unsafe"
                    + " mode (no Raft); start the grid with CP members, or use mode 'cp-unsafe' to measure unsafe mode");
        }
        if (mode == GuaranteeMode.CP && !cp.isFailOnIndeterminateOperationState()) {
            throw new GridException(GridFailure.INVALID_ARGUMENT, "mode 'cp' needs cp.fail-on-indeterminate-state"
                    + " true: otherwise Hazelcast retries a CP call whose outcome is unknown and may apply it twice");
        }
        if (mode == GuaranteeMode.CP_UNSAFE && cpMembers != 0) {
            throw new GridException(GridFailure.INVALID_ARGUMENT, "mode 'cp-unsafe' needs a grid with cp.member-count"
                    + " 0, but this grid has " + cpMembers + ", so CP calls run on Raft: use mode 'cp'");
        }
    }
}

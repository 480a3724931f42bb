package dev.flotilla.grid.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.transaction.TransactionContext;
import com.hazelcast.transaction.TransactionOptions;
import com.hazelcast.transaction.TransactionOptions.TransactionType;
import com.hazelcast.transaction.TransactionalMap;
import dev.flotilla.grid.GridException;
import dev.flotilla.grid.GridFailure;
import dev.flotilla.grid.VersionMismatchException;
import dev.flotilla.grid.guarantee.GuaranteeMode;
import dev.flotilla.grid.map.EntryNames;
import dev.flotilla.grid.map.TxOperation;
import dev.flotilla.grid.map.TxResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Runs a batch of {@link TxOperation}s as one Hazelcast transaction over the versioned maps' envelopes.
 *
 * <p>Steps: validate every operation (names, documents, versions, limits) before anything is sent; begin a
 * {@code TransactionContext} of the mode's type (durability 1, timeout {@value #TIMEOUT_SECONDS} s);
 * {@code getForUpdate} every key touched, in (map, key) order, so concurrent transactions never deadlock; apply the
 * operations in order to what was read, checking each {@code ifVersion}; {@code set} or {@code delete} each written
 * key; commit. An append to a document that is not a JSON array rolls back (definite, nothing written). A version mismatch rolls back and throws {@link VersionMismatchException}: nothing was written.
 *
 * <p>Definiteness: validation failures and version mismatches are definite. Other failures before the commit roll
 * back (so nothing was applied) but keep the classification {@link FailureClassifier} gives them, which is not
 * definite for a lost member or a timeout: conservative, as the rollback itself may not have reached every
 * partition. A failure of the commit is never definite: ONE_PHASE may have written some keys, TWO_PHASE may still be
 * completed by the member holding the transaction log's backup.
 */
public final class HazelcastMapTransaction {
    /** Transaction timeout; also bounds how long {@code getForUpdate} waits for a key another transaction holds. */
    static final long TIMEOUT_SECONDS = 30;

    private final HazelcastInstance hazelcast;

    public HazelcastMapTransaction(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    /** Validates, runs and commits the operations under {@code mode}; answers one result per operation, in order. */
    public List<TxResult> run(GuaranteeMode mode, List<TxOperation> operations) {
        TransactionType type = typeOf(mode);
        validate(operations);
        if (!hazelcast.getLifecycleService().isRunning()) {
            throw new GridException(GridFailure.NOT_RUNNING, "the local member is not running");
        }
        TransactionContext tx;
        try {
            tx = hazelcast.newTransactionContext(new TransactionOptions()
                    .setTransactionType(type)
                    .setDurability(1)
                    .setTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            tx.beginTransaction();
        } catch (RuntimeException e) {
            throw FailureClassifier.classify(e);
        }
        List<TxResult> results;
        try {
            results = applyInTransaction(tx, operations);
        } catch (RuntimeException e) {
            GridException failure = FailureClassifier.classify(e);
            rollBack(tx, failure);
            throw failure;
        }
        try {
            tx.commitTransaction();
        } catch (RuntimeException e) {
            GridException classified = FailureClassifier.classify(e);
            GridException failure = new GridException(classified.definite() ? GridFailure.INTERNAL : classified.failure(),
                    "the transaction's commit failed; some or all of its writes may have been applied", e);
            rollBack(tx, failure);
            throw failure;
        }
        return results;
    }

    private static TransactionType typeOf(GuaranteeMode mode) {
        if (mode == GuaranteeMode.TX_ONE_PHASE) {
            return TransactionType.ONE_PHASE;
        }
        if (mode == GuaranteeMode.TX_TWO_PHASE) {
            return TransactionType.TWO_PHASE;
        }
        throw new GridException(GridFailure.INVALID_ARGUMENT, "guarantee mode '" + mode
                + "' cannot run a map transaction; supported modes: " + GuaranteeMode.TX_ONE_PHASE.id() + ", "
                + GuaranteeMode.TX_TWO_PHASE.id());
    }

    /** Checks everything that can be checked without the grid; every failure is definite and names the operation. */
    static void validate(List<TxOperation> operations) {
        if (operations == null || operations.isEmpty()) {
            throw new GridException(GridFailure.INVALID_ARGUMENT, "a transaction needs at least one operation");
        }
        if (operations.size() > TxOperation.MAX_OPERATIONS) {
            throw new GridException(GridFailure.INVALID_ARGUMENT, "a transaction has " + operations.size()
                    + " operations; the limit is " + TxOperation.MAX_OPERATIONS);
        }
        Set<EntryRef> written = new HashSet<>();
        for (int i = 0; i < operations.size(); i++) {
            TxOperation op = operations.get(i);
            String where = "operations[" + i + "]";
            if (op == null || op.kind() == null) {
                throw new GridException(GridFailure.INVALID_ARGUMENT, where + ": the operation and its kind are required");
            }
            try {
                EntryNames.requireMapName(op.map());
                EntryNames.requireKey(op.key());
                validateKind(op);
            } catch (GridException e) {
                throw new GridException(e.failure(), where + ": " + e.getMessage());
            }
            if (op.kind() != TxOperation.Kind.GET && !written.add(new EntryRef(op.map(), op.key()))) {
                throw new GridException(GridFailure.INVALID_ARGUMENT, where + ": map '" + op.map() + "', key '"
                        + op.key() + "' is written twice; a transaction writes each key at most once");
            }
        }
    }

    private static void validateKind(TxOperation op) {
        switch (op.kind()) {
            case GET -> {
                if (op.json() != null || op.ifVersion() != TxOperation.ANY_VERSION) {
                    throw new GridException(GridFailure.INVALID_ARGUMENT, "a get takes neither a value nor ifVersion");
                }
            }
            case PUT, APPEND -> {
                JsonDocuments.requireValid(op.json());
                if (op.ifVersion() < TxOperation.ANY_VERSION) {
                    throw new GridException(GridFailure.INVALID_ARGUMENT, "ifVersion of a " + op.kind().id()
                            + " must be 0 (absent) or positive, not " + op.ifVersion());
                }
            }
            case DELETE -> {
                if (op.json() != null) {
                    throw new GridException(GridFailure.INVALID_ARGUMENT, "a delete takes no value");
                }
                if (op.ifVersion() != TxOperation.ANY_VERSION && op.ifVersion() <= 0) {
                    throw new GridException(GridFailure.INVALID_ARGUMENT,
                            "ifVersion of a delete must be positive, not " + op.ifVersion());
                }
            }
        }
    }

    private static List<TxResult> applyInTransaction(TransactionContext tx, List<TxOperation> operations) {
        TreeSet<EntryRef> touched = new TreeSet<>();
        operations.forEach(op -> touched.add(new EntryRef(op.map(), op.key())));
        Map<String, TransactionalMap<String, HazelcastJsonValue>> maps = new HashMap<>();
        Map<EntryRef, HazelcastJsonValue> state = new HashMap<>();
        for (EntryRef ref : touched) {
            state.put(ref, maps.computeIfAbsent(ref.map(), tx::getMap).getForUpdate(ref.key()));
        }
        Map<EntryRef, HazelcastJsonValue> writes = new LinkedHashMap<>();
        long operationId = Envelope.newOperationId();
        List<TxResult> results = new ArrayList<>(operations.size());
        for (TxOperation op : operations) {
            EntryRef ref = new EntryRef(op.map(), op.key());
            HazelcastJsonValue stored = state.get(ref);
            long current = Envelope.version(stored);
            if (op.ifVersion() != TxOperation.ANY_VERSION && op.ifVersion() != current) {
                throw new VersionMismatchException(op.map(), op.key(), op.ifVersion(), current);
            }
            switch (op.kind()) {
                case GET -> results.add(new TxResult(op.kind(), op.map(), op.key(), current,
                        stored == null ? null : Envelope.document(stored)));
                case PUT -> {
                    HazelcastJsonValue next = Envelope.wrap(current + 1, operationId, op.json());
                    state.put(ref, next);
                    writes.put(ref, next);
                    results.add(new TxResult(op.kind(), op.map(), op.key(), current + 1, null));
                }
                case APPEND -> {
                    String appended = JsonDocuments.appendToArray(
                            stored == null ? null : Envelope.document(stored), op.json(), op.map(), op.key());
                    HazelcastJsonValue next = Envelope.wrap(current + 1, operationId, appended);
                    state.put(ref, next);
                    writes.put(ref, next);
                    results.add(new TxResult(op.kind(), op.map(), op.key(), current + 1, null));
                }
                case DELETE -> {
                    if (stored != null) {
                        state.put(ref, null);
                        writes.put(ref, null);
                    }
                    results.add(new TxResult(op.kind(), op.map(), op.key(), current, null));
                }
            }
        }
        writes.forEach((ref, value) -> {
            TransactionalMap<String, HazelcastJsonValue> map = maps.get(ref.map());
            if (value == null) {
                map.delete(ref.key());
            } else {
                map.set(ref.key(), value);
            }
        });
        return results;
    }

    private static void rollBack(TransactionContext tx, GridException failure) {
        try {
            tx.rollbackTransaction();
        } catch (RuntimeException rollback) {
            failure.addSuppressed(rollback);
        }
    }

    /** A key of a map, ordered by map name, then key: the order keys are locked in. */
    private record EntryRef(String map, String key) implements Comparable<EntryRef> {
        private static final Comparator<EntryRef> ORDER =
                Comparator.comparing(EntryRef::map).thenComparing(EntryRef::key);

        @Override
        public int compareTo(EntryRef other) {
            return ORDER.compare(this, other);
        }
    }
}

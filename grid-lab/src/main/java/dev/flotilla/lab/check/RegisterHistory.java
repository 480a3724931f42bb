package dev.flotilla.lab.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.flotilla.lab.history.Operation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations on one key, prepared for the search against one {@link SequentialModel}: primitive
 * arrays, values interned to ints, fail operations and info reads dropped.
 *
 * <p>Operation ids are positions in invoke order. An info write or cas keeps its place with
 * completion {@link #NEVER}: it may take effect at any time after its invoke, or never.
 */
final class RegisterHistory {

    static final long NEVER = Long.MAX_VALUE;

    final String key;
    final SequentialModel model;
    final int size;
    final byte[] kind;
    final int[] a;
    final int[] b;
    final int[] c;
    final long[] invoke;
    final long[] complete;
    final Operation[] source;
    /** Ids of the ok operations (which must be linearized) ordered by completion. */
    final int[] byReturn;
    /** boundAt[r]: how many operations were invoked before the completion of byReturn[r]; boundAt[R] = size. */
    final int[] boundAt;
    /** Interned values: id to value; id 0 is null. Shared by restricted copies. */
    final List<JsonNode> values;

    private RegisterHistory(String key, SequentialModel model, byte[] kind, int[] a, int[] b, int[] c,
                            long[] invoke, long[] complete, Operation[] source, List<JsonNode> values) {
        this.key = key;
        this.model = model;
        this.size = kind.length;
        this.kind = kind;
        this.a = a;
        this.b = b;
        this.c = c;
        this.invoke = invoke;
        this.complete = complete;
        this.source = source;
        this.values = values;
        int required = 0;
        for (long completion : complete) {
            if (completion != NEVER) {
                required++;
            }
        }
        Integer[] order = new Integer[required];
        for (int i = 0, r = 0; i < size; i++) {
            if (complete[i] != NEVER) {
                order[r++] = i;
            }
        }
        Arrays.sort(order, (x, y) -> Long.compare(complete[x], complete[y]));
        this.byReturn = new int[required];
        this.boundAt = new int[required + 1];
        for (int r = 0; r < required; r++) {
            byReturn[r] = order[r];
            boundAt[r] = invokedBefore(complete[order[r]]);
        }
        boundAt[required] = size;
    }

    /**
     * Prepares the operations of one key (in invoke order); throws IllegalArgumentException for an
     * operation the model does not know or a malformed value.
     */
    static RegisterHistory of(String key, List<Operation> operations, SequentialModel model) {
        Map<JsonNode, Integer> ids = new HashMap<>();
        List<JsonNode> values = new ArrayList<>();
        values.add(NullNode.getInstance());
        ids.put(NullNode.getInstance(), RegisterModel.NULL_STATE);
        List<Operation> kept = new ArrayList<>(operations.size());
        for (Operation op : operations) {
            if (model.kindOf(op) < 0) {
                throw new IllegalArgumentException("model " + model.modelName() + " has no operation f=" + op.f()
                        + " (invoke index " + op.invokeIndex() + ")");
            }
            // A fail surely did not happen.
            if (op.isFail() || !model.constrains(op, model.kindOf(op))) {
                continue;
            }
            kept.add(op);
        }
        int n = kept.size();
        byte[] kind = new byte[n];
        int[] a = new int[n];
        int[] b = new int[n];
        int[] c = new int[n];
        long[] invoke = new long[n];
        long[] complete = new long[n];
        Operation[] source = kept.toArray(new Operation[0]);
        for (int i = 0; i < n; i++) {
            Operation op = source[i];
            kind[i] = model.kindOf(op);
            invoke[i] = op.invokeIndex();
            complete[i] = op.isOk() ? op.completeIndex() : NEVER;
            int[] arguments = model.arguments(op, kind[i], value -> intern(value, ids, values));
            a[i] = arguments[0];
            b[i] = arguments[1];
            c[i] = arguments[2];
        }
        RegisterHistory all = new RegisterHistory(key, model, kind, a, b, c, invoke, complete, source, values);
        // Dropping an unobserved info write is sound only when the state is the value alone.
        return model.stateIsValue() ? all.withoutUnobservableInfo() : all;
    }

    /**
     * Drops info writes and cas whose new value no operation completing after their invoke reads or
     * cas-expects. Such a value can only be overwritten (any read or cas right after it would
     * observe it), so removing the operation never removes a linearization; and info operations
     * are what make the search expensive, because each stays a candidate forever. A cas that found another value
     * ({@code ok false}) may need any value to be there, so nothing invoked before one completes is dropped.
     *
     * <p>Linear: dropping an info cas takes away its observation of the value it expected, and only then can that
     * value's writers become droppable, so each value's writers are looked at again at most once (a chain of
     * 80,000 info cas, each expecting the previous one's value, used to take one full pass per link).
     */
    private RegisterHistory withoutUnobservableInfo() {
        int valueCount = values.size();
        long latestMismatch = -1;
        // Per value: the latest completion of an operation that observes it and is never dropped (reads, ok cas),
        // and how many info cas still observe it (each observes it for ever, until it is dropped).
        long[] lastFixedObserver = new long[valueCount];
        int[] infoObservers = new int[valueCount];
        Arrays.fill(lastFixedObserver, -1);
        int[] writerCount = new int[valueCount + 1];
        for (int i = 0; i < size; i++) {
            if (kind[i] == RegisterModel.CAS_MISMATCH) {
                latestMismatch = Math.max(latestMismatch, complete[i]);
            }
            if (kind[i] != RegisterModel.WRITE) {
                if (isRequired(i) || kind[i] == RegisterModel.READ) {
                    lastFixedObserver[a[i]] = Math.max(lastFixedObserver[a[i]], complete[i]);
                } else {
                    infoObservers[a[i]]++;
                }
            }
            if (isDropCandidate(i)) {
                writerCount[written(i) + 1]++;
            }
        }
        // The drop candidates grouped by the value they write (a compact adjacency list).
        for (int v = 0; v < valueCount; v++) {
            writerCount[v + 1] += writerCount[v];
        }
        int[] writers = new int[writerCount[valueCount]];
        int[] fill = Arrays.copyOf(writerCount, valueCount);
        for (int i = 0; i < size; i++) {
            if (isDropCandidate(i)) {
                writers[fill[written(i)]++] = i;
            }
        }
        boolean[] dropped = new boolean[size];
        int drops = 0;
        ArrayDeque<Integer> ready = new ArrayDeque<>();
        for (int v = 0; v < valueCount; v++) {
            if (infoObservers[v] == 0) {
                ready.add(v);
            }
        }
        while (!ready.isEmpty()) {
            int v = ready.poll();
            for (int w = writerCount[v]; w < writerCount[v + 1]; w++) {
                int i = writers[w];
                if (lastFixedObserver[v] <= invoke[i] && latestMismatch <= invoke[i]) {
                    dropped[i] = true;
                    drops++;
                    if (kind[i] == RegisterModel.CAS && --infoObservers[a[i]] == 0) {
                        ready.add(a[i]);
                    }
                }
            }
        }
        if (drops == 0) {
            return this;
        }
        int[] keep = new int[size - drops];
        for (int i = 0, j = 0; i < size; i++) {
            if (!dropped[i]) {
                keep[j++] = i;
            }
        }
        return restrict(keep, NEVER);
    }

    /** An info write or cas: it may have taken effect or not, and only the value it wrote could show which. */
    private boolean isDropCandidate(int id) {
        return !isRequired(id) && (kind[id] == RegisterModel.WRITE || kind[id] == RegisterModel.CAS);
    }

    private int written(int id) {
        return kind[id] == RegisterModel.CAS ? b[id] : a[id];
    }

    /**
     * Returns the sub-history of the given ids (ascending), cut at event index {@code cut}: an
     * operation that completed after the cut counts as info there, as it would in a file truncated at the cut.
     */
    RegisterHistory restrict(int[] ids, long cut) {
        int n = ids.length;
        byte[] k = new byte[n];
        int[] sa = new int[n];
        int[] sb = new int[n];
        int[] scArg = new int[n];
        long[] si = new long[n];
        long[] sc = new long[n];
        Operation[] src = new Operation[n];
        for (int j = 0; j < n; j++) {
            int i = ids[j];
            k[j] = kind[i];
            sa[j] = a[i];
            sb[j] = b[i];
            scArg[j] = c[i];
            si[j] = invoke[i];
            sc[j] = complete[i] > cut ? NEVER : complete[i];
            src[j] = source[i];
        }
        return new RegisterHistory(key, model, k, sa, sb, scArg, si, sc, src, values);
    }

    /** Returns how many operations were invoked before event index {@code index}. */
    int invokedBefore(long index) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (invoke[mid] < index) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The model's state after operation {@code id} from {@code state}, or {@link SequentialModel#ILLEGAL}. */
    long step(long state, int id) {
        return model.step(state, kind[id], a[id], b[id], c[id]);
    }

    boolean isRequired(int id) {
        return complete[id] != NEVER;
    }

    private static int intern(JsonNode value, Map<JsonNode, Integer> ids, List<JsonNode> values) {
        JsonNode canonical = CanonicalJson.of(value);
        Integer id = ids.get(canonical);
        if (id == null) {
            id = values.size();
            values.add(canonical);
            ids.put(canonical, id);
        }
        return id;
    }
}

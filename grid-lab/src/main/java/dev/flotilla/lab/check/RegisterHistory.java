package dev.flotilla.lab.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.flotilla.lab.history.Operation;
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
            if (model.kindOf(op.f()) < 0) {
                throw new IllegalArgumentException("model " + model.modelName() + " has no operation f=" + op.f()
                        + " (invoke index " + op.invokeIndex() + ")");
            }
            // A fail surely did not happen.
            if (op.isFail() || !model.constrains(op, model.kindOf(op.f()))) {
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
            kind[i] = model.kindOf(op.f());
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
     * are what make the search expensive, because each stays a candidate forever.
     */
    private RegisterHistory withoutUnobservableInfo() {
        boolean[] dropped = new boolean[size];
        boolean changed = true;
        int drops = 0;
        while (changed) {
            changed = false;
            // For each value, the latest completion of an operation that observes it.
            long[] lastObserved = new long[values.size()];
            Arrays.fill(lastObserved, -1);
            for (int i = 0; i < size; i++) {
                if (!dropped[i] && kind[i] != RegisterModel.WRITE) {
                    lastObserved[a[i]] = Math.max(lastObserved[a[i]], complete[i]);
                }
            }
            for (int i = 0; i < size; i++) {
                if (dropped[i] || isRequired(i) || kind[i] == RegisterModel.READ) {
                    continue;
                }
                int written = kind[i] == RegisterModel.CAS ? b[i] : a[i];
                if (lastObserved[written] <= invoke[i]) {
                    dropped[i] = true;
                    drops++;
                    changed = true;
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

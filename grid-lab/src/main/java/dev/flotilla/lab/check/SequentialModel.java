package dev.flotilla.lab.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.lab.history.Operation;
import java.util.function.ToIntFunction;

/**
 * A pure sequential specification of one key, as the linearization search runs it.
 *
 * <p>A state is a {@code long} and an operation is a kind with up to three int arguments, so the search works on
 * primitive arrays and memoises (operations, state) pairs cheaply. {@link #step} must be a pure function. JSON
 * values are interned to ints by the caller (0 is null), so models compare values as ints.
 */
interface SequentialModel {

    /** The state an operation cannot be applied in: it could not have returned what it did. */
    long ILLEGAL = -1;

    /** The name {@code check --model} knows it by. */
    String modelName();

    /** The state every key starts in. */
    long initialState();

    /** The operation kind for {@code f}, or -1 when this model does not know it. */
    byte kindOf(String f);

    /**
     * The kind of this operation: {@link #kindOf(String)} of its {@code f}, unless its answer makes it another kind
     * (a compare-and-set answered {@code ok false} ran and found another value: an observation, not a write).
     */
    default byte kindOf(Operation op) {
        return kindOf(op.f());
    }

    /**
     * Whether a non-failed operation of this kind constrains the search at all; an info read returned nothing, and
     * some info writes change nothing whichever way they went.
     */
    boolean constrains(Operation op, byte kind);

    /**
     * The operation's arguments {a, b, c}, with JSON values interned by {@code intern}; throws
     * IllegalArgumentException for a malformed value.
     */
    int[] arguments(Operation op, byte kind, ToIntFunction<JsonNode> intern);

    /** The state after the operation, or {@link #ILLEGAL} when it could not have answered so from {@code state}. */
    long step(long state, byte kind, int a, int b, int c);

    /** True when the operation never changes the state wherever it is legal (a read). */
    boolean isObserver(byte kind, int a, int b, int c);

    /**
     * The one state the operation is legal in, or {@link #ILLEGAL} when there is no single one: the search first
     * tries the operations that lead there.
     */
    long requiredState(byte kind, int a, int b, int c);

    /**
     * True when the state is the last value written and nothing else: then an info write nobody observes can be
     * dropped, and a counterexample window can be refuted from every observed value. A model with versions is not
     * like that: every write moves the version, observed or not.
     */
    boolean stateIsValue();
}

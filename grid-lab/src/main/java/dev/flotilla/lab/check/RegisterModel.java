package dev.flotilla.lab.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.lab.history.Operation;
import java.util.function.ToIntFunction;

/**
 * The pure sequential specification of a register, over interned values.
 *
 * <p>States are value ids: 0 is null (the initial state, "never written"), other ids are
 * distinct JSON values. {@link #step} is a pure function, so the search can memoise states.
 */
enum RegisterModel implements SequentialModel {
    /** read and write. */
    REGISTER("register", false),
    /** read, write and compare-and-set ({@code cas [expected, new]}). */
    CAS_REGISTER("cas-register", true);

    static final byte READ = 0;
    static final byte WRITE = 1;
    static final byte CAS = 2;
    /** A cas answered {@code ok false}: it ran and the register did not hold the expected value; nothing changed. */
    static final byte CAS_MISMATCH = 3;
    static final int NULL_STATE = 0;

    private final String modelName;
    private final boolean allowsCas;

    RegisterModel(String modelName, boolean allowsCas) {
        this.modelName = modelName;
        this.allowsCas = allowsCas;
    }

    @Override
    public String modelName() {
        return modelName;
    }

    @Override
    public long initialState() {
        return NULL_STATE;
    }

    @Override
    public byte kindOf(String f) {
        switch (f) {
            case "read": return READ;
            case "write": return WRITE;
            case "cas": return allowsCas ? CAS : -1;
            default: return -1;
        }
    }

    @Override
    public byte kindOf(Operation op) {
        byte kind = kindOf(op.f());
        return kind == CAS && isMismatch(op) ? CAS_MISMATCH : kind;
    }

    /** An ok cas whose answer is {@code false}: it found another value (older files record that as fail). */
    static boolean isMismatch(Operation op) {
        return op.isOk() && op.completionValue().isBoolean() && !op.completionValue().booleanValue();
    }

    @Override
    public boolean constrains(Operation op, byte kind) {
        if (op.isInfo() && kind == READ) {
            return false;
        }
        // An info cas to the same value changes nothing whether or not it happened.
        return !(op.isInfo() && kind == CAS && op.value().isArray() && op.value().size() == 2
                && CanonicalJson.of(op.value().get(0)).equals(CanonicalJson.of(op.value().get(1))));
    }

    /** A read's a is the value read, a write's the value written; a cas's a is the expected value and b the new one. */
    @Override
    public int[] arguments(Operation op, byte kind, ToIntFunction<JsonNode> intern) {
        switch (kind) {
            case READ:
                return new int[] {intern.applyAsInt(op.completionValue()), 0, 0};
            case WRITE:
                return new int[] {intern.applyAsInt(op.value()), 0, 0};
            default:
                JsonNode pair = op.invokeValue(); // the answer of an ok cas may be true or false
                if (!pair.isArray() || pair.size() != 2) {
                    throw new IllegalArgumentException("cas value must be [expected, new], got " + pair
                            + " (invoke index " + op.invokeIndex() + ")");
                }
                return new int[] {intern.applyAsInt(pair.get(0)), intern.applyAsInt(pair.get(1)), 0};
        }
    }

    @Override
    public long step(long state, byte kind, int a, int b, int c) {
        switch (kind) {
            case READ: return state == a ? state : ILLEGAL;
            case WRITE: return a;
            case CAS_MISMATCH: return state != a ? state : ILLEGAL;
            default: return state == a ? b : ILLEGAL;
        }
    }

    /** A read, a cas to the same value, or a cas that found another value. */
    @Override
    public boolean isObserver(byte kind, int a, int b, int c) {
        return kind == READ || kind == CAS_MISMATCH || (kind == CAS && a == b);
    }

    @Override
    public long requiredState(byte kind, int a, int b, int c) {
        return kind == WRITE || kind == CAS_MISMATCH ? ILLEGAL : a;
    }

    @Override
    public boolean stateIsValue() {
        return true;
    }
}

package dev.flotilla.lab.check;

/**
 * The pure sequential specification of a register, over interned values.
 *
 * <p>States are value ids: 0 is null (the initial state, "never written"), other ids are
 * distinct JSON values. {@link #step} is a pure function, so the search can memoise states.
 */
enum RegisterModel {
    /** read and write. */
    REGISTER("register", false),
    /** read, write and compare-and-set ({@code cas [expected, new]}). */
    CAS_REGISTER("cas-register", true);

    static final byte READ = 0;
    static final byte WRITE = 1;
    static final byte CAS = 2;
    static final int NULL_STATE = 0;
    static final int ILLEGAL = -1;

    private final String modelName;
    private final boolean allowsCas;

    RegisterModel(String modelName, boolean allowsCas) {
        this.modelName = modelName;
        this.allowsCas = allowsCas;
    }

    String modelName() {
        return modelName;
    }

    /** Returns the operation kind for {@code f}, or -1 when this model does not know it. */
    byte kindOf(String f) {
        switch (f) {
            case "read": return READ;
            case "write": return WRITE;
            case "cas": return allowsCas ? CAS : -1;
            default: return -1;
        }
    }

    /**
     * Returns the state after applying the operation, or {@link #ILLEGAL} when the operation
     * could not have returned what it did from {@code state}.
     * For a read {@code a} is the value read; for a write the value written; for cas {@code a}
     * is the expected value and {@code b} the new one.
     */
    static int step(int state, byte kind, int a, int b) {
        switch (kind) {
            case READ: return state == a ? state : ILLEGAL;
            case WRITE: return a;
            default: return state == a ? b : ILLEGAL;
        }
    }

    /** Returns true when the operation never changes the state (a read, or a cas to the same value). */
    static boolean isObserver(byte kind, int a, int b) {
        return kind == READ || (kind == CAS && a == b);
    }
}

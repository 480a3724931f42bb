package dev.flotilla.lab.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.lab.history.Operation;
import java.util.function.ToIntFunction;

/**
 * The pure sequential specification of a versioned document per key ({@code versioned-register}): the key is
 * absent, or holds a value with a version that starts at 1 and grows by one per write. Deleting makes it absent
 * again, and the next write starts over at version 1 (grid-core's {@code VersionedMap} and the HTTP API).
 *
 * <p>Operations (docs/lab.md has the history encoding):
 * <ul>
 *   <li>{@code read}: ok value {@code {"version":n,"value":v}}, or null when absent;</li>
 *   <li>{@code write v} (unconditional put): ok value the new version, which must be the old one plus one
 *       (1 when absent);</li>
 *   <li>{@code cas [e, v]} (put if the version is e; e = 0: if absent): ok value the new version e + 1; fail
 *       when the version differs, so it is dropped;</li>
 *   <li>{@code create v} (put if absent): ok value 1;</li>
 *   <li>{@code delete}: ok value true when it deleted a value, false when the key was absent;</li>
 *   <li>{@code delete-if e}: delete only if the version is e.</li>
 * </ul>
 * An info write, cas, create or delete may have taken effect or not, and an answer it never got is not checked.
 * A state is {@code version << 32 | value id}; absent is 0 (version 0, value null), so a read of an absent key and
 * the initial state are the same.
 */
enum VersionedRegisterModel implements SequentialModel {
    /** The one instance: the model has no parameters. */
    INSTANCE;

    static final byte READ = 0;
    static final byte WRITE = 1;
    static final byte CAS = 2;
    static final byte CREATE = 3;
    static final byte DELETE = 4;
    static final byte DELETE_IF = 5;
    /**
     * A cas, create or delete-if answered {@code ok false}: it ran and the key's version was not the expected one
     * (a = the expected version; 0, absent, for create and for cas "only if absent"); nothing changed.
     */
    static final byte VERSION_MISMATCH = 6;
    static final long ABSENT = 0;
    /** An argument the operation never got an answer for (info), so any answer is possible. */
    static final int UNANSWERED = -1;

    @Override
    public String modelName() {
        return "versioned-register";
    }

    @Override
    public long initialState() {
        return ABSENT;
    }

    @Override
    public byte kindOf(String f) {
        switch (f) {
            case "read": return READ;
            case "write": return WRITE;
            case "cas": return CAS;
            case "create": return CREATE;
            case "delete": return DELETE;
            case "delete-if": return DELETE_IF;
            default: return -1;
        }
    }

    @Override
    public byte kindOf(Operation op) {
        byte kind = kindOf(op.f());
        boolean conditional = kind == CAS || kind == CREATE || kind == DELETE_IF;
        return conditional && RegisterModel.isMismatch(op) ? VERSION_MISMATCH : kind;
    }

    @Override
    public boolean constrains(Operation op, byte kind) {
        // Every write moves the version, so only an info read (no answer, no effect) constrains nothing.
        return !(op.isInfo() && kind == READ);
    }

    /**
     * read: a = value id, b = version (0 when absent); write and create: a = value id, b = the version answered;
     * cas: a = expected version, b = value id, c = the version answered; delete: a = 1 deleted, 0 absent;
     * delete-if: a = expected version. An info operation's answer is {@link #UNANSWERED}.
     */
    @Override
    public int[] arguments(Operation op, byte kind, ToIntFunction<JsonNode> intern) {
        boolean answered = op.isOk();
        JsonNode answer = op.completionValue();
        JsonNode call = op.invokeValue();
        switch (kind) {
            case READ:
                if (answer.isNull()) {
                    return new int[] {0, 0, 0};
                }
                if (!answer.isObject() || !answer.has("version")) {
                    throw malformed(op, "a read's value must be {\"version\":n,\"value\":v} or null");
                }
                return new int[] {intern.applyAsInt(answer.get("value")), version(answer.get("version"), op, 1), 0};
            case WRITE:
            case CREATE:
                return new int[] {intern.applyAsInt(call), answered ? version(answer, op, 1) : UNANSWERED, 0};
            case CAS:
                if (!call.isArray() || call.size() != 2) {
                    throw malformed(op, "a cas value must be [expected version, new value]");
                }
                return new int[] {version(call.get(0), op, 0), intern.applyAsInt(call.get(1)),
                        answered ? version(answer, op, 1) : UNANSWERED};
            case VERSION_MISMATCH:
                return switch (op.f()) {
                    case "create" -> new int[] {0, 0, 0};
                    case "cas" -> {
                        if (!call.isArray() || call.size() != 2) {
                            throw malformed(op, "a cas value must be [expected version, new value]");
                        }
                        yield new int[] {version(call.get(0), op, 0), 0, 0};
                    }
                    default -> new int[] {version(call, op, 1), 0, 0};
                };
            case DELETE:
                if (answered && !answer.isBoolean()) {
                    throw malformed(op, "a delete's ok value must be true (deleted) or false (absent)");
                }
                return new int[] {answered ? (answer.booleanValue() ? 1 : 0) : UNANSWERED, 0, 0};
            default:
                return new int[] {version(call, op, 1), 0, 0};
        }
    }

    @Override
    public long step(long state, byte kind, int a, int b, int c) {
        long version = state >>> 32;
        switch (kind) {
            case READ:
                return state == state(b, a) ? state : ILLEGAL;
            case WRITE:
                return b == UNANSWERED || b == version + 1 ? state(version + 1, a) : ILLEGAL;
            case CAS:
                return version == a && (c == UNANSWERED || c == a + 1) ? state(a + 1, b) : ILLEGAL;
            case CREATE:
                return state == ABSENT && (b == UNANSWERED || b == 1) ? state(1, a) : ILLEGAL;
            case DELETE:
                return a == UNANSWERED || (a == 1) == (state != ABSENT) ? ABSENT : ILLEGAL;
            case VERSION_MISMATCH:
                return version != a ? state : ILLEGAL;
            default:
                return version == a ? ABSENT : ILLEGAL;
        }
    }

    /** A read, a conditional write that found another version, or a delete that found the key absent. */
    @Override
    public boolean isObserver(byte kind, int a, int b, int c) {
        return kind == READ || kind == VERSION_MISMATCH || (kind == DELETE && a == 0);
    }

    @Override
    public long requiredState(byte kind, int a, int b, int c) {
        switch (kind) {
            case READ: return state(b, a);
            case CREATE: return ABSENT;
            case DELETE: return a == 0 ? ABSENT : ILLEGAL;
            default: return ILLEGAL;
        }
    }

    @Override
    public boolean stateIsValue() {
        return false;
    }

    private static long state(long version, int valueId) {
        return version << 32 | valueId;
    }

    private static int version(JsonNode value, Operation op, int least) {
        long version = CanonicalJson.longValue(value, "version (invoke index " + op.invokeIndex() + ")");
        if (version < least || version > Integer.MAX_VALUE) {
            throw malformed(op, "version " + version + " is out of range");
        }
        return (int) version;
    }

    private static IllegalArgumentException malformed(Operation op, String what) {
        return new IllegalArgumentException(what + " (" + op.f() + ", invoke index " + op.invokeIndex() + ")");
    }
}

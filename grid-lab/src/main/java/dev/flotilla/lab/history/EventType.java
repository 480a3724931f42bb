package dev.flotilla.lab.history;

import java.util.Locale;

/** The four kinds of history event, in Jepsen's vocabulary. */
public enum EventType {
    /** A process started an operation. */
    INVOKE,
    /** The operation completed and surely took effect. */
    OK,
    /** The operation completed and surely did not take effect. */
    FAIL,
    /** The outcome is unknown (timeout, lost member): it may take effect at any later time, or never. */
    INFO;

    /** Returns the lower-case name used in history files, e.g. {@code "ok"}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the type for a history-file name such as {@code "invoke"}; throws for anything else. */
    public static EventType fromJsonName(String name) {
        switch (name) {
            case "invoke": return INVOKE;
            case "ok": return OK;
            case "fail": return FAIL;
            case "info": return INFO;
            default: throw new IllegalArgumentException("unknown event type \"" + name + "\" (expected invoke, ok, fail or info)");
        }
    }
}

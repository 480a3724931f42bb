package dev.flotilla.lab.run;

import java.util.Arrays;
import java.util.List;

/** Where an experiment's members run. */
public enum ClusterKind {
    /** Members inside the lab's JVM, clients calling grid-core directly: fast, for tests. */
    IN_PROCESS("in-process"),
    /** grid-server node processes on their own loopback addresses, clients using the product's HTTP client. */
    PROCESSES("processes");

    private final String id;

    ClusterKind(String id) {
        this.id = id;
    }

    /** The spelling in specs: {@code in-process} or {@code processes}. */
    public String id() {
        return id;
    }

    /** The kind of that spelling, or null. */
    static ClusterKind fromId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst().orElse(null);
    }

    /** Every spelling, in order. */
    static List<String> ids() {
        return Arrays.stream(values()).map(ClusterKind::id).toList();
    }
}

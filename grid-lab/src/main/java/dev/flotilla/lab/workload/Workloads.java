package dev.flotilla.lab.workload;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The name-based registry of workloads: {@code bank}, {@code register}, {@code set}, {@code counter},
 * {@code documents}, {@code list-append}.
 */
public final class Workloads {
    private static final Map<String, Workload> BY_NAME = Stream.of(
                    new BankWorkload(), new RegisterWorkload(), new SetWorkload(), new CounterWorkload(),
                    new DocumentsWorkload(), new ListAppendWorkload())
            .collect(Collectors.toUnmodifiableMap(Workload::name, Function.identity()));
    private static final List<String> NAMES = List.of("bank", "register", "set", "counter", "documents", "list-append");

    private Workloads() {
    }

    /** The registered names, in a stable order. */
    public static List<String> names() {
        return NAMES;
    }

    /** The workload of that name (case-insensitive); throws IllegalArgumentException listing the known names. */
    public static Workload byName(String name) {
        Workload workload = name == null ? null : BY_NAME.get(name.toLowerCase(Locale.ROOT));
        if (workload == null) {
            throw new IllegalArgumentException("unknown workload \"" + name + "\"; known: " + String.join(", ", NAMES));
        }
        return workload;
    }
}

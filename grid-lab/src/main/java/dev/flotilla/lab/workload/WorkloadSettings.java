package dev.flotilla.lab.workload;

/**
 * The knobs every workload understands.
 *
 * @param keys           registers (register workload), documents (documents workload) or accounts (bank workload); ignored by counter and set
 * @param initialBalance money each bank account opens with; the bank total is {@code keys * initialBalance}
 * @param namespace      a prefix for every structure the workload creates, so runs never share data
 */
public record WorkloadSettings(int keys, long initialBalance, String namespace) {

    /** Validates the values. */
    public WorkloadSettings {
        if (keys < 1) {
            throw new IllegalArgumentException("keys must be at least 1, was " + keys);
        }
        if (initialBalance < 0) {
            throw new IllegalArgumentException("initialBalance must not be negative, was " + initialBalance);
        }
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("namespace must not be blank");
        }
    }

    /** Settings with {@code keys} keys, 100 per account and the given namespace. */
    public static WorkloadSettings of(int keys, String namespace) {
        return new WorkloadSettings(keys, 100, namespace);
    }
}

package dev.flotilla.client.protocol;

/**
 * The body of {@code POST /counters/{namespace}}: add {@code delta} to the namespace's counter.
 *
 * @param mode  a guarantee mode id
 * @param delta the amount to add, 1 or more (required)
 */
public record CounterIncrementRequest(String mode, long delta) {
}

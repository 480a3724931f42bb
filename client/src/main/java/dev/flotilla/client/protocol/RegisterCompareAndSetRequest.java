package dev.flotilla.client.protocol;

/**
 * The body of {@code POST /registers/{namespace}/{key}/cas}: write {@code value} only if the register holds
 * {@code expected}.
 *
 * @param mode     a guarantee mode id
 * @param expected the value the register must hold; null (or absent) means "never written"
 * @param value    the value to write when the register holds {@code expected} (required)
 */
public record RegisterCompareAndSetRequest(String mode, Long expected, long value) {
}

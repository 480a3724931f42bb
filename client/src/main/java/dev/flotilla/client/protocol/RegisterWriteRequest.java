package dev.flotilla.client.protocol;

/**
 * The body of {@code PUT /registers/{namespace}/{key}}: set the register to {@code value} under a guarantee mode.
 *
 * @param mode  a guarantee mode id ({@code unsafe}, {@code atomic-key}, {@code locked}, {@code tx-one-phase},
 *              {@code tx-two-phase}, {@code cp}, {@code cp-unsafe})
 * @param value the value to write (required)
 */
public record RegisterWriteRequest(String mode, long value) {
}

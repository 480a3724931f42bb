package dev.flotilla.client.protocol;

import java.util.List;

/**
 * The body of {@code POST /tx}: versioned-map operations applied atomically (all or none) under a guarantee mode.
 *
 * @param mode       {@code tx-one-phase} or {@code tx-two-phase} (other modes are refused with 400)
 * @param operations 1 to {@value #MAX_OPERATIONS} operations; a key may appear once
 */
public record TxRequest(String mode, List<TxOperation> operations) {
    /** Most operations one transaction may carry. */
    public static final int MAX_OPERATIONS = 100;
}

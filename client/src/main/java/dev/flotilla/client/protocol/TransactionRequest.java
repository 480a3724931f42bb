package dev.flotilla.client.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * The body of {@code POST /tx}: gets, puts and deletes on keys of versioned maps, applied atomically in one grid
 * transaction, or not at all.
 *
 * @param mode       {@value #TX_ONE_PHASE} or {@value #TX_TWO_PHASE}; other guarantee modes are refused with
 *                   {@code 400 invalid-argument}
 * @param operations 1-{@value #MAX_OPERATIONS} operations, applied in order; each key is written at most once
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TransactionRequest(String mode, List<TransactionOperation> operations) {
    /** One-phase commit: no prepare, no replicated commit log (a member crash mid-commit can commit partially). */
    public static final String TX_ONE_PHASE = "tx-one-phase";
    /** Two-phase commit with the commit log copied to one other member (completes after the coordinator's crash). */
    public static final String TX_TWO_PHASE = "tx-two-phase";
    /** Most operations one transaction may hold. */
    public static final int MAX_OPERATIONS = 100;

    /** A transaction of these operations under {@code mode}. */
    public static TransactionRequest of(String mode, TransactionOperation... operations) {
        return new TransactionRequest(mode, List.of(operations));
    }
}

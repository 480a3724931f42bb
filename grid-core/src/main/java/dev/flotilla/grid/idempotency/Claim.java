package dev.flotilla.grid.idempotency;

/**
 * What {@link IdempotencyStore#claim} found for a key: go ahead, replay, wait, or refuse.
 *
 * @param key         the idempotency key
 * @param claimId     this caller's claim (unique per call to {@code claim}); completing or releasing needs it
 * @param fingerprint what the request was (method, path, preconditions, body digest)
 * @param kind        the decision
 * @param response    the recorded outcome, for {@link Kind#COMPLETED}; null otherwise
 */
public record Claim(String key, String claimId, String fingerprint, Kind kind, StoredResponse response) {

    /** The decision for one request carrying an idempotency key. */
    public enum Kind {
        /** The key was free and is now this caller's: apply the request, then complete or release the claim. */
        CLAIMED,
        /** The same request already ran: answer {@link #response()} and apply nothing. */
        COMPLETED,
        /** The same request is running elsewhere (or its node died before recording an outcome): apply nothing. */
        IN_PROGRESS,
        /** The key was used for a different request: apply nothing. */
        KEY_REUSED
    }
}

/**
 * Idempotency keys: the bounded-window record of requests already applied, kept in the grid so that a write retried
 * on any node is applied at most once. See {@link dev.flotilla.grid.idempotency.IdempotencyStore}.
 */
package dev.flotilla.grid.idempotency;

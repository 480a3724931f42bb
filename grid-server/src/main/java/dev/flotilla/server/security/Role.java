package dev.flotilla.server.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The roles a bearer token can carry. Each role names what it may do by itself; {@link Access} says which roles
 * open which endpoints, so {@code writer} opens everything {@code reader} does without a token listing both.
 */
public enum Role {
    /** GET of data (maps, registers, sets, counters, accounts) and of the cluster views and event stream. */
    READER,
    /** What {@link #READER} may, and every write: map writes and batches, transactions, transfers, accounts, registers, sets, counters. */
    WRITER,
    /** Everything: the lab, acknowledging data loss, {@code /prometheus} and detailed health. */
    ADMIN,
    /** Only {@code /prometheus} and detailed health: for a scraper or a monitoring probe. */
    METRICS;

    /** The name used in tokens files, configuration and {@code Authentication} roles: lower case. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code id} ({@code reader}, {@code writer}, {@code admin}, {@code metrics}), if any. */
    public static Optional<Role> of(String id) {
        return Arrays.stream(values()).filter(role -> role.id().equals(id)).findFirst();
    }
}

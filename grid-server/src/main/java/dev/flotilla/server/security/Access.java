package dev.flotilla.server.security;

import io.micronaut.http.HttpMethod;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What an endpoint needs of a caller when security is on: the roles that open it. Decided from the route's URI
 * template and method ({@link #of(HttpMethod, String)}), never from the raw path, so no spelling of a path
 * ({@code //}, {@code ..}, encoded characters) reaches an endpoint under another rule than the router's.
 */
public enum Access {
    /** Anyone, without a token: health status (no details), the dashboard page (a static shell) and the API document. */
    PUBLIC(EnumSet.noneOf(Role.class)),
    /** Reads of data and cluster views. */
    READ(EnumSet.of(Role.READER, Role.WRITER, Role.ADMIN)),
    /** Writes of data. */
    WRITE(EnumSet.of(Role.WRITER, Role.ADMIN)),
    /** The lab and operator actions. */
    ADMIN(EnumSet.of(Role.ADMIN)),
    /** Metrics and detailed health. */
    METRICS(EnumSet.of(Role.METRICS, Role.ADMIN)),
    /** A request that matched no route (a 404 or 405 to be): any valid token, so no anonymous caller learns which paths exist. */
    AUTHENTICATED(EnumSet.allOf(Role.class));

    private final Set<Role> roles;

    Access(Set<Role> roles) {
        this.roles = roles;
    }

    /** The roles that open this access; empty for {@link #PUBLIC}. */
    public Set<Role> roles() {
        return roles;
    }

    /** Whether a caller holding {@code roleIds} (as in {@code Authentication.getRoles()}) may pass. */
    public boolean allows(Collection<String> roleIds) {
        if (this == PUBLIC) {
            return true;
        }
        for (Role role : roles) {
            if (roleIds.contains(role.id())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The access of the route with URI template {@code template} (as the router declares it, for example
     * {@code /maps/{map}/{key}}) and method {@code method}. A route this table does not name is {@link #ADMIN}:
     * a new endpoint is closed until someone decides otherwise (SecurityRouteCoverageTest lists every route).
     */
    public static Access of(HttpMethod method, String template) {
        return declared(method, template).orElse(ADMIN);
    }

    /** The access this table names for the route, or empty when it names none (then {@link #of} closes it to admin). */
    static Optional<Access> declared(HttpMethod method, String template) {
        String path = template.endsWith("/") && template.length() > 1 ? template.substring(0, template.length() - 1) : template;
        boolean read = method == HttpMethod.GET || method == HttpMethod.HEAD;
        if (path.equals("/health") || path.startsWith("/health/") || path.startsWith("/health{")) {
            return Optional.of(read ? PUBLIC : ADMIN);
        }
        if (path.equals("/") || path.equals("/dashboard") || path.startsWith("/swagger/")) {
            return Optional.of(read ? PUBLIC : ADMIN);
        }
        if (path.equals("/prometheus") || path.startsWith("/prometheus/") || path.startsWith("/prometheus{")) {
            return Optional.of(read ? METRICS : ADMIN);
        }
        if (path.equals("/lab") || path.startsWith("/lab/")) {
            return Optional.of(ADMIN);
        }
        if (path.equals("/cluster/data-loss") && !read) {
            return Optional.of(ADMIN); // acknowledging a loss changes what every probe reports
        }
        if (path.equals("/cluster") || path.startsWith("/cluster/")) {
            return Optional.of(read ? READ : ADMIN);
        }
        for (String data : new String[] {"/maps", "/registers", "/sets", "/counters", "/accounts", "/transfers", "/tx"}) {
            if (path.equals(data) || path.startsWith(data + "/")) {
                return Optional.of(read ? READ : WRITE);
            }
        }
        return Optional.empty();
    }
}

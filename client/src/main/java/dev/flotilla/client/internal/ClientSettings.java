package dev.flotilla.client.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.client.HealthCheck;
import dev.flotilla.client.LoadBalancing;
import dev.flotilla.client.PartitionRouting;
import dev.flotilla.client.RetryPolicy;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The validated settings of a client, as the builder collected them.
 *
 * @param endpoints       node base URIs (http or https, no path), at least one, no duplicates
 * @param connectTimeout  how long opening a connection may take
 * @param requestTimeout  how long one attempt may wait for its answer
 * @param lockingRequestTimeout how long one attempt of a transaction or transfer may wait (at least
 *                        {@code requestTimeout} is used): these wait on the node for locks and the transaction timeout
 * @param retryPolicy     attempts and backoff
 * @param loadBalancing   node choice per request
 * @param healthCheck     background probing
 * @param bearerToken     sent as {@code Authorization: Bearer}, or null
 * @param executor        the caller's executor, or null for the client's own threads
 * @param objectMapper    values and wire records
 * @param idempotencyKeys whether writes carry a generated key
 * @param sslContext      what https connections trust (and present), or null for the JDK's default trust store
 * @param partitionRouting owner-aware routing, layered over {@code loadBalancing}
 */
public record ClientSettings(List<URI> endpoints, Duration connectTimeout, Duration requestTimeout,
                             Duration lockingRequestTimeout, RetryPolicy retryPolicy, LoadBalancing loadBalancing, HealthCheck healthCheck,
                             String bearerToken, Executor executor, ObjectMapper objectMapper, boolean idempotencyKeys,
                             SSLContext sslContext, PartitionRouting partitionRouting) {

    /** The settings with the JDK's default TLS trust. */
    public ClientSettings(List<URI> endpoints, Duration connectTimeout, Duration requestTimeout,
                          Duration lockingRequestTimeout, RetryPolicy retryPolicy, LoadBalancing loadBalancing,
                          HealthCheck healthCheck, String bearerToken, Executor executor, ObjectMapper objectMapper,
                          boolean idempotencyKeys) {
        this(endpoints, connectTimeout, requestTimeout, lockingRequestTimeout, retryPolicy, loadBalancing, healthCheck,
                bearerToken, executor, objectMapper, idempotencyKeys, null);
    }

    /** The settings without owner-aware routing. */
    public ClientSettings(List<URI> endpoints, Duration connectTimeout, Duration requestTimeout,
                          Duration lockingRequestTimeout, RetryPolicy retryPolicy, LoadBalancing loadBalancing,
                          HealthCheck healthCheck, String bearerToken, Executor executor, ObjectMapper objectMapper,
                          boolean idempotencyKeys, SSLContext sslContext) {
        this(endpoints, connectTimeout, requestTimeout, lockingRequestTimeout, retryPolicy, loadBalancing, healthCheck,
                bearerToken, executor, objectMapper, idempotencyKeys, sslContext, PartitionRouting.disabled());
    }

    /** Validates every setting, naming the first bad one. */
    public ClientSettings {
        if (endpoints == null || endpoints.isEmpty()) {
            throw new IllegalArgumentException("endpoints: give at least one node URI, for example http://127.0.0.1:8081");
        }
        List<URI> normalised = endpoints.stream().map(ClientSettings::normalise).toList();
        if (new LinkedHashSet<>(normalised).size() != normalised.size()) {
            throw new IllegalArgumentException("endpoints: " + normalised + " names a node twice");
        }
        endpoints = normalised;
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("requestTimeout", requestTimeout);
        requirePositive("lockingRequestTimeout", lockingRequestTimeout);
        if (retryPolicy == null || loadBalancing == null || healthCheck == null || objectMapper == null
                || partitionRouting == null) {
            throw new IllegalArgumentException("retryPolicy, loadBalancing, healthCheck, objectMapper and "
                    + "partitionRouting must be set");
        }
        if (bearerToken != null && (bearerToken.isBlank() || bearerToken.chars().anyMatch(c -> c < 0x21 || c > 0x7e))) {
            throw new IllegalArgumentException("bearerToken must be visible ASCII characters without spaces");
        }
    }

    /** The per-attempt timeout of transactions and transfers: the longer of the two timeouts. */
    public Duration lockingAttemptTimeout() {
        return lockingRequestTimeout.compareTo(requestTimeout) > 0 ? lockingRequestTimeout : requestTimeout;
    }

    private static URI normalise(URI uri) {
        if (uri == null || uri.getScheme() == null || uri.getHost() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new IllegalArgumentException("endpoints: '" + uri + "' is not an http(s)://host:port URI");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")
                || uri.getRawQuery() != null) {
            throw new IllegalArgumentException("endpoints: '" + uri + "' must have no path or query");
        }
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
    }

    private static void requirePositive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + d);
        }
    }
}

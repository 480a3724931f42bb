package dev.flotilla.examples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flotilla.client.Document;
import dev.flotilla.client.EndpointStatus;
import dev.flotilla.client.FlotillaClient;
import dev.flotilla.client.LoadBalancing;
import dev.flotilla.client.RawJson;
import dev.flotilla.client.RemoteMap;
import dev.flotilla.client.VersionConflictException;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Talks to a 3-node cluster ({@code bin/flotilla cluster --nodes 3}) through the Java client: writes, a
 * compare-and-set, a refused stale write, a put-if-absent, a batch, the cluster view, and how requests spread.
 *
 * <p>Arguments: node URIs (default {@code http://127.0.0.1:8081 .. 8083}).
 */
public final class ClientExample {
    private ClientExample() {
    }

    public static void main(String[] args) {
        List<String> endpoints = args.length > 0 ? List.of(args)
                : List.of("http://127.0.0.1:8081", "http://127.0.0.1:8082", "http://127.0.0.1:8083");
        try (FlotillaClient client = FlotillaClient.builder().endpoints(endpoints.toArray(String[]::new))
                .loadBalancing(LoadBalancing.LEAST_OUTSTANDING).build()) {
            run(client, System.out);
        }
    }

    /** Runs the example with {@code client}; prints what it does to {@code out}. */
    public static void run(FlotillaClient client, PrintStream out) {
        RemoteMap carts = client.map("carts");
        long version = carts.put("alice", Map.of("items", List.of("tea")));              // any object: Jackson writes it
        out.println("wrote alice at version " + version);

        Document current = carts.get("alice").orElseThrow();
        ObjectNode next = ((ObjectNode) current.value()).deepCopy();
        next.withArray("items").add("milk");                                              // a JsonNode works too
        long updated = carts.compareAndSet("alice", current.version(), next);
        out.println("updated alice to version " + updated + ": " + carts.get("alice").orElseThrow().value());

        try {
            carts.compareAndSet("alice", current.version(), RawJson.of("{\"items\":[]}")); // so does raw JSON text
        } catch (VersionConflictException stale) {
            out.println("a stale update was refused (" + stale.code() + ", definite " + stale.definite()
                    + ", current version " + stale.currentVersion() + ")");
        }
        try {
            carts.putIfAbsent("alice", Map.of());
        } catch (VersionConflictException exists) {
            out.println("put-if-absent found alice at version " + exists.currentVersion());
        }

        carts.putAll(Map.of("bob", Map.of("items", List.of()), "carol", Map.of("items", List.of("jam"))));
        out.println("batch read: " + carts.getAll(List.of("alice", "bob", "carol", "dave")).keySet());

        for (int i = 0; i < 60; i++) {
            carts.get("alice");
        }
        out.println("cluster '" + client.cluster().name() + "': " + client.members().members().size() + " members");
        for (EndpointStatus node : client.endpoints()) {
            out.println("  " + node.uri() + " " + node.state() + ", " + node.requests() + " requests");
        }
    }
}

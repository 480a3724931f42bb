package dev.flotilla.bench.ceiling;

import io.micronaut.runtime.Micronaut;

/**
 * The ceiling of the HTTP harness: the same Micronaut and Netty as a node, answering the document API's routes with
 * constants and touching no grid. What a node answers below this is the cost of its own work.
 *
 * <p>Run as its own process: {@code -Dmicronaut.server.port=N}; it prints nothing but Micronaut's start line.
 */
public final class CeilingServer {
    private CeilingServer() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(CeilingServer.class).banner(false).start();
    }
}

package dev.flotilla.examples;

import dev.flotilla.client.FlotillaClient;
import dev.flotilla.client.FlotillaException;
import dev.flotilla.client.protocol.AccountsRequest;
import dev.flotilla.client.protocol.TransferRequest;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Money transfers over HTTP under a guarantee mode: opens two accounts, moves money, is refused an overdraft, and
 * shows that the cp mode is refused on a cluster without CP members.
 *
 * <p>Arguments: node URIs (default {@code http://127.0.0.1:8081 .. 8083}).
 */
public final class TransferExample {
    private TransferExample() {
    }

    public static void main(String[] args) {
        List<String> endpoints = args.length > 0 ? List.of(args)
                : List.of("http://127.0.0.1:8081", "http://127.0.0.1:8082", "http://127.0.0.1:8083");
        try (FlotillaClient client = FlotillaClient.builder().endpoints(endpoints.toArray(String[]::new)).build()) {
            run(client, "bank-" + UUID.randomUUID().toString().substring(0, 8), System.out);
        }
    }

    /** Runs the example in a fresh namespace; prints what it does to {@code out}. */
    public static void run(FlotillaClient client, String namespace, PrintStream out) {
        String mode = "tx-two-phase";
        client.openAccounts(new AccountsRequest(namespace, mode, Map.of("alice", 100L, "bob", 0L)));
        client.transfer(new TransferRequest(namespace, "alice", "bob", 30, mode));
        out.println("after one transfer: " + client.balances(namespace, mode, List.of("alice", "bob")).balances());

        try {
            client.transfer(new TransferRequest(namespace, "bob", "alice", 500, mode));
        } catch (FlotillaException refused) {
            out.println("overdraft refused: " + refused.code() + " (definite " + refused.definite() + ")");
        }
        try {
            client.transfer(new TransferRequest(namespace, "alice", "bob", 1, "cp"));
        } catch (FlotillaException refused) {
            out.println("cp refused: " + refused.code() + ": " + refused.problem().map(p -> p.detail()).orElse(""));
        }
        out.println("final: " + client.balances(namespace, mode, List.of("alice", "bob")).balances());
    }
}

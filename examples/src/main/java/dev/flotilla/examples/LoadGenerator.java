package dev.flotilla.examples;

import dev.flotilla.client.FlotillaClient;
import dev.flotilla.client.HealthCheck;
import dev.flotilla.client.LoadBalancing;
import dev.flotilla.client.PartitionRouting;
import dev.flotilla.client.RawJson;
import dev.flotilla.client.RemoteMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A closed-loop load generator for the Java client: {@code --threads} threads each send one call at a time
 * (a single get/put, or a batch of {@code --batch} keys) for {@code --seconds}, after {@code --warmup} seconds.
 * Prints operations per second (keys, not calls) and the p50/p99/max latency of one call.
 *
 * <pre>
 * --endpoints http://127.0.0.1:8081,http://127.0.0.1:8082  --op get|put  --batch 1  --threads 16
 * --seconds 10  --warmup 3  --keys 10000  --value-bytes 100  --balancing round-robin|least-outstanding
 * --idempotency-keys true|false  --routing balancer|owner
 * </pre>
 *
 * <p>{@code --routing owner} turns on owner-aware routing ({@link PartitionRouting#defaults()}): single gets and
 * puts go to the node owning the key; the run starts once the client has a table.
 */
public final class LoadGenerator {
    private LoadGenerator() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> o = options(args);
        List<String> endpoints = List.of(o.getOrDefault("endpoints", "http://127.0.0.1:8081").split(","));
        String op = o.getOrDefault("op", "get");
        int batch = Integer.parseInt(o.getOrDefault("batch", "1"));
        int threads = Integer.parseInt(o.getOrDefault("threads", "16"));
        int seconds = Integer.parseInt(o.getOrDefault("seconds", "10"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "3"));
        int keys = Integer.parseInt(o.getOrDefault("keys", "10000"));
        int valueBytes = Integer.parseInt(o.getOrDefault("value-bytes", "100"));
        LoadBalancing balancing = o.getOrDefault("balancing", "round-robin").equals("least-outstanding")
                ? LoadBalancing.LEAST_OUTSTANDING : LoadBalancing.ROUND_ROBIN;
        boolean owner = o.getOrDefault("routing", "balancer").equals("owner");
        RawJson value = RawJson.of("{\"v\":\"" + "x".repeat(Math.max(0, valueBytes - 8)) + "\"}");

        try (FlotillaClient client = FlotillaClient.builder().endpoints(endpoints.toArray(String[]::new))
                .loadBalancing(balancing).idempotencyKeys(Boolean.parseBoolean(o.getOrDefault("idempotency-keys", "true")))
                .partitionRouting(owner ? PartitionRouting.defaults() : PartitionRouting.disabled())
                .healthCheck(HealthCheck.every(java.time.Duration.ofSeconds(2))).build()) {
            for (int i = 0; owner && !client.routing().usable() && i < 200; i++) {
                Thread.sleep(50); // the first table: asked for at once, answered within milliseconds
            }
            RemoteMap map = client.map("load");
            preload(map, keys, value);
            AtomicBoolean measuring = new AtomicBoolean(false);
            AtomicBoolean running = new AtomicBoolean(true);
            List<long[]> latencies = new ArrayList<>();
            int[] counts = new int[threads];
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long[] mine = new long[4_000_000 / threads];
                latencies.add(mine);
                int id = t;
                Thread worker = new Thread(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (running.get()) {
                        long start = System.nanoTime();
                        call(map, op, batch, keys, value, random);
                        long took = System.nanoTime() - start;
                        if (measuring.get() && counts[id] < mine.length) {
                            mine[counts[id]++] = took;
                        }
                    }
                }, "load-" + t);
                worker.start();
                workers.add(worker);
            }
            Thread.sleep(warmup * 1000L);
            measuring.set(true);
            long begin = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            measuring.set(false);
            long elapsed = System.nanoTime() - begin;
            running.set(false);
            for (Thread worker : workers) {
                worker.join();
            }
            int calls = Arrays.stream(counts).sum();
            long[] all = new long[calls];
            int at = 0;
            for (int t = 0; t < threads; t++) {
                System.arraycopy(latencies.get(t), 0, all, at, counts[t]);
                at += counts[t];
            }
            Arrays.sort(all);
            double perSecond = calls * (double) batch / (elapsed / 1e9);
            System.out.printf("nodes=%d op=%s batch=%d threads=%d routing=%s keys=%s: %.0f ops/s (%.0f calls/s), call latency p50 %.2f ms,"
                            + " p99 %.2f ms, max %.2f ms%n", endpoints.size(), op, batch, threads, owner ? "owner" : "balancer",
                    o.getOrDefault("idempotency-keys", "true"), perSecond,
                    calls / (elapsed / 1e9), percentile(all, 0.50), percentile(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
        }
    }

    private static void preload(RemoteMap map, int keys, RawJson value) {
        for (int from = 0; from < keys; from += 1000) {
            Map<String, Object> chunk = new LinkedHashMap<>();
            for (int k = from; k < Math.min(keys, from + 1000); k++) {
                chunk.put("k" + k, value);
            }
            map.putAll(chunk);
        }
    }

    private static void call(RemoteMap map, String op, int batch, int keys, RawJson value, ThreadLocalRandom random) {
        if (batch <= 1) {
            String key = "k" + random.nextInt(keys);
            if (op.equals("put")) {
                map.put(key, value);
            } else {
                map.get(key);
            }
            return;
        }
        if (op.equals("put")) {
            Map<String, Object> chunk = new HashMap<>();
            while (chunk.size() < batch) {
                chunk.put("k" + random.nextInt(keys), value);
            }
            map.putAll(chunk);
        } else {
            List<String> chunk = new ArrayList<>(batch);
            int start = random.nextInt(keys);
            for (int i = 0; i < batch; i++) {
                chunk.add("k" + ((start + i) % keys));
            }
            map.getAll(chunk);
        }
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}

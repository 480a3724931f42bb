package dev.flotilla.client.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.client.EndpointState;
import dev.flotilla.client.FlotillaException;
import dev.flotilla.client.PartitionRouting;
import dev.flotilla.client.RoutingStatus;
import dev.flotilla.client.protocol.MemberView;
import dev.flotilla.client.protocol.MembersView;
import dev.flotilla.client.protocol.PartitionView;
import dev.flotilla.client.protocol.PartitionsView;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Follows the partition table for owner-aware routing ({@link PartitionRouting}) and names the owner of a key.
 *
 * <p>A refresh asks every endpoint not ejected who its member is ({@code GET /cluster/members}, the {@code local}
 * one), so an owner's member address maps to the URI this client reaches it by, whatever address the node
 * advertises; then asks one of them for the table ({@code GET /cluster/partitions}). A member address claimed by two
 * endpoints (both behind one proxy) routes nowhere. Refreshes run on the client's scheduler, one at a time, without
 * retries: a failed one keeps the table, which stops being used once it is {@value #STALE_AFTER_INTERVALS}
 * intervals old. An endpoint that does not answer who it is (slow, or busy) keeps the member it named last time,
 * unless it was ejected: one slow answer must not turn its partitions back to the balancer.
 *
 * <p>When: every interval (jittered by up to a quarter so many clients do not ask together), every
 * {@link #MIGRATING_INTERVAL} while a node is {@code DEGRADED} (it reports a migration), at once when any endpoint
 * changes state (a member joined or left: partitions move), and at once after {@link #refreshSoon()} (a request to
 * the owner could not connect).
 */
final class PartitionRouter {
    /** A table older than this many intervals is not used: the cluster may have moved on while no node answered. */
    static final int STALE_AFTER_INTERVALS = 3;
    /** How often the table is asked for while a node reports a migration: partitions move each second or so. */
    static final Duration MIGRATING_INTERVAL = Duration.ofSeconds(1);
    /** How often the scheduler looks for a reason to refresh. */
    static final Duration TICK = Duration.ofMillis(100);
    /** How long one refresh request may take: a node that slow is no guide to the table. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

    private static final Call MEMBERS = new Call("GET", "/cluster/members", List.of(), null, RetryDecision.Kind.READ, null);
    private static final Call PARTITIONS = new Call("GET", "/cluster/partitions", List.of(), null, RetryDecision.Kind.READ, null);

    /**
     * One learned table.
     *
     * @param owners the endpoint of each partition's owner, null where the owner is none of ours
     */
    record Table(long stamp, int partitionCount, Endpoint[] owners, long learnedAtNanos, Instant learnedAt) {
        int routed() {
            int n = 0;
            for (Endpoint e : owners) {
                n += e == null ? 0 : 1;
            }
            return n;
        }
    }

    private final List<Endpoint> endpoints;
    private final HttpTransport transport;
    private final ObjectMapper json;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final AtomicLong refreshes = new AtomicLong();
    /** The member each endpoint last named as its own. */
    private final Map<Endpoint, String> known = new ConcurrentHashMap<>();
    private volatile Table table;
    private volatile boolean requested = true;
    private volatile String lastFailure;
    private long nextDueNanos;
    private String lastStates = "";

    PartitionRouter(List<Endpoint> endpoints, HttpTransport transport, ObjectMapper json, PartitionRouting routing,
                    LongSupplier nanoClock) {
        this.endpoints = List.copyOf(endpoints);
        this.transport = transport;
        this.json = json;
        this.intervalNanos = routing.refreshInterval().toNanos();
        this.nanoClock = nanoClock;
    }

    /** Looks for a reason to refresh every {@link #TICK} on {@code scheduler}, the first one at once. */
    void start(ScheduledExecutorService scheduler) {
        scheduler.scheduleWithFixedDelay(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The endpoint of the member that owns {@code key}'s partition, or null when the client is unsure: no table yet,
     * a stale one, or an owner that is none of its endpoints. A hint: any node serves any key.
     */
    Endpoint ownerOf(String key) {
        Table t = table;
        if (t == null || nanoClock.getAsLong() - t.learnedAtNanos() > STALE_AFTER_INTERVALS * intervalNanos) {
            return null;
        }
        return t.owners()[KeyPartitioner.partition(key, t.partitionCount())];
    }

    /** Asks for a refresh at the next tick: a request to the owner failed, so the table may be out of date. */
    void refreshSoon() {
        requested = true;
    }

    RoutingStatus status() {
        Table t = table;
        boolean usable = t != null && nanoClock.getAsLong() - t.learnedAtNanos() <= STALE_AFTER_INTERVALS * intervalNanos;
        return t == null
                ? new RoutingStatus(true, false, 0, 0, 0, refreshes.get(), null, lastFailure)
                : new RoutingStatus(true, usable, t.stamp(), t.partitionCount(), t.routed(), refreshes.get(), t.learnedAt(),
                lastFailure);
    }

    /** One look: refreshes when asked to, when an endpoint changed state, or when the interval is up. */
    void tick() {
        long now = nanoClock.getAsLong();
        String states = states();
        boolean changed = !states.equals(lastStates);
        if (!(requested || changed || now - nextDueNanos >= 0) || !refreshing.compareAndSet(false, true)) {
            return;
        }
        requested = false;
        lastStates = states;
        boolean migrating = states.indexOf('D') >= 0;
        long period = migrating ? Math.min(intervalNanos, MIGRATING_INTERVAL.toNanos()) : intervalNanos;
        nextDueNanos = now + period - (long) (ThreadLocalRandom.current().nextDouble() * period / 4);
        refresh().whenComplete((ignored, failure) -> refreshing.set(false));
    }

    /** Each endpoint's state as one letter, in endpoint order: a change means members may have moved. */
    private String states() {
        StringBuilder s = new StringBuilder(endpoints.size());
        for (Endpoint e : endpoints) {
            s.append(e.state().name().charAt(0));
        }
        return s.toString();
    }

    /** Learns who each endpoint is, then the table; completes normally either way (a failure is kept as text). */
    CompletableFuture<Void> refresh() {
        Map<Endpoint, CompletableFuture<String>> asked = new LinkedHashMap<>();
        for (Endpoint e : endpoints) {
            if (e.state() != EndpointState.EJECTED) {
                asked.put(e, transport.send(e, MEMBERS, REQUEST_TIMEOUT, false).thenApply(this::localMember)
                        .exceptionally(failure -> null));
            }
        }
        return CompletableFuture.allOf(asked.values().toArray(CompletableFuture[]::new)).thenCompose(ignored -> {
            Map<Endpoint, String> identities = new LinkedHashMap<>();
            asked.forEach((endpoint, member) -> {
                String answered = member.join();
                if (answered != null) {
                    known.put(endpoint, answered);
                    identities.put(endpoint, answered);
                }
            });
            boolean anyAnswered = !identities.isEmpty();
            asked.keySet().forEach(endpoint -> {
                String last = known.get(endpoint);
                if (last != null) {
                    identities.putIfAbsent(endpoint, last);
                }
            });
            if (!anyAnswered) {
                lastFailure = "no endpoint answered GET /cluster/members";
                return CompletableFuture.<Void>completedFuture(null);
            }
            Endpoint source = identities.keySet().stream().filter(e -> e.state() == EndpointState.HEALTHY).findFirst()
                    .orElse(identities.keySet().iterator().next());
            return transport.send(source, PARTITIONS, REQUEST_TIMEOUT, false).thenAccept(response -> {
                PartitionsView view = read(response, PartitionsView.class);
                table = build(view, identities, nanoClock.getAsLong(), Instant.now());
                refreshes.incrementAndGet();
                lastFailure = null;
            });
        }).exceptionally(failure -> {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            lastFailure = cause instanceof FlotillaException f ? f.code() + ": " + f.getMessage() : String.valueOf(cause);
            return null;
        });
    }

    /**
     * The routing table of {@code view}: each partition's owner address mapped to the endpoint whose member has it;
     * null where no endpoint does, or where two endpoints claim the same member.
     */
    static Table build(PartitionsView view, Map<Endpoint, String> identities, long nowNanos, Instant now) {
        if (view.partitionCount() < 1 || view.partitions() == null) {
            throw new IllegalStateException("GET /cluster/partitions named no partitions");
        }
        Map<String, Endpoint> byAddress = new HashMap<>();
        List<String> ambiguous = new ArrayList<>();
        identities.forEach((endpoint, address) -> {
            if (byAddress.putIfAbsent(address, endpoint) != null) {
                ambiguous.add(address);
            }
        });
        ambiguous.forEach(byAddress::remove);
        Endpoint[] owners = new Endpoint[view.partitionCount()];
        for (PartitionView p : view.partitions()) {
            if (p.id() >= 0 && p.id() < owners.length && p.owner() != null) {
                owners[p.id()] = byAddress.get(p.owner());
            }
        }
        return new Table(view.stamp(), view.partitionCount(), owners, nowNanos, now);
    }

    private String localMember(HttpResponse<byte[]> response) {
        MembersView members = read(response, MembersView.class);
        if (members.members() == null) {
            return null;
        }
        return members.members().stream().filter(MemberView::local).map(MemberView::address).findFirst().orElse(null);
    }

    private <T> T read(HttpResponse<byte[]> response, Class<T> type) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + " from " + response.uri());
        }
        try {
            return json.readValue(response.body(), type);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable " + type.getSimpleName() + " from " + response.uri(), e);
        }
    }
}

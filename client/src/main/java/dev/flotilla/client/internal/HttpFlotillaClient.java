package dev.flotilla.client.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.client.EndpointStatus;
import dev.flotilla.client.FlotillaClient;
import dev.flotilla.client.FlotillaException;
import dev.flotilla.client.RemoteCounter;
import dev.flotilla.client.RemoteGrowSet;
import dev.flotilla.client.RemoteMap;
import dev.flotilla.client.RemoteRegister;
import dev.flotilla.client.RoutingStatus;
import dev.flotilla.client.protocol.AccountsRequest;
import dev.flotilla.client.protocol.BalancesView;
import dev.flotilla.client.protocol.ClusterMapsView;
import dev.flotilla.client.protocol.ClusterSummary;
import dev.flotilla.client.protocol.MembersView;
import dev.flotilla.client.protocol.MigrationsView;
import dev.flotilla.client.protocol.PartitionsView;
import dev.flotilla.client.protocol.Preconditions;
import dev.flotilla.client.protocol.TransactionRequest;
import dev.flotilla.client.protocol.TransactionResult;
import dev.flotilla.client.protocol.TransferRequest;
import dev.flotilla.client.protocol.TransferResult;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** {@link FlotillaClient} over the JDK's HTTP client. */
public final class HttpFlotillaClient implements FlotillaClient {
    private final ClientSettings settings;
    private final EndpointPool pool;
    private final RequestRunner runner;
    private final JsonValues json;
    private final ExecutorService ownExecutor;
    private final ScheduledExecutorService scheduler;
    private final PartitionRouter router;

    private HttpFlotillaClient(ClientSettings settings) {
        this.settings = settings;
        this.json = new JsonValues(settings.objectMapper());
        this.ownExecutor = settings.executor() == null ? Executors.newCachedThreadPool(daemonThreads("flotilla-client")) : null;
        Executor executor = settings.executor() == null ? ownExecutor : settings.executor();
        this.pool = new EndpointPool(settings.endpoints(), settings.loadBalancing());
        // Without a caller's executor the HTTP client keeps its own default one: measured faster here than handing
        // it ours (docs/performance.md).
        HttpTransport transport = new HttpTransport(settings.connectTimeout(), settings.requestTimeout(),
                settings.bearerToken(), settings.executor(), settings.sslContext());
        this.router = settings.partitionRouting().enabled()
                ? new PartitionRouter(pool.all(), transport, settings.objectMapper(), settings.partitionRouting(), System::nanoTime)
                : null;
        this.runner = new RequestRunner(pool, transport, new ProblemDecoder(settings.objectMapper()),
                settings.retryPolicy(), executor, router);
        if (settings.healthCheck().enabled() || router != null) {
            this.scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("flotilla-client-background"));
        } else {
            this.scheduler = null;
        }
        if (settings.healthCheck().enabled()) {
            new HealthProber(transport, settings.objectMapper(), settings.healthCheck()).start(pool.all(), scheduler);
        }
        if (router != null) {
            router.start(scheduler);
        }
    }

    /** A started client: health probing runs from now on. */
    public static FlotillaClient start(ClientSettings settings) {
        return new HttpFlotillaClient(settings);
    }

    @Override
    public RemoteMap map(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("map name must not be empty");
        }
        return new HttpRemoteMap(name, this);
    }

    @Override
    public RemoteRegister register(String namespace, String mode) {
        return new HttpRemoteRegister(GuaranteePath.of("/registers", namespace, mode), this);
    }

    @Override
    public RemoteGrowSet growSet(String namespace, String mode) {
        return new HttpRemoteGrowSet(GuaranteePath.of("/sets", namespace, mode), this);
    }

    @Override
    public RemoteCounter counter(String namespace, String mode) {
        return new HttpRemoteCounter(GuaranteePath.of("/counters", namespace, mode), this);
    }

    @Override
    public TransferResult transfer(TransferRequest transfer) {
        return await(postLocking("/transfers", transfer, TransferResult.class, true));
    }

    @Override
    public CompletableFuture<TransferResult> transferAsync(TransferRequest transfer) {
        return postLocking("/transfers", transfer, TransferResult.class, false);
    }

    @Override
    public TransactionResult transaction(TransactionRequest transaction) {
        return await(postLocking("/tx", transaction, TransactionResult.class, true));
    }

    @Override
    public CompletableFuture<TransactionResult> transactionAsync(TransactionRequest transaction) {
        return postLocking("/tx", transaction, TransactionResult.class, false);
    }

    @Override
    public BalancesView openAccounts(AccountsRequest accounts) {
        return await(post("/accounts", accounts, BalancesView.class, true));
    }

    @Override
    public CompletableFuture<BalancesView> openAccountsAsync(AccountsRequest accounts) {
        return post("/accounts", accounts, BalancesView.class, false);
    }

    @Override
    public BalancesView balances(String namespace, String mode, Collection<String> accounts) {
        return await(get(balancesPath(namespace, mode, accounts), BalancesView.class, true));
    }

    @Override
    public CompletableFuture<BalancesView> balancesAsync(String namespace, String mode, Collection<String> accounts) {
        return get(balancesPath(namespace, mode, accounts), BalancesView.class, false);
    }

    private static String balancesPath(String namespace, String mode, Collection<String> accounts) {
        return "/accounts/" + Paths.encode(namespace) + "?mode=" + Paths.encode(mode) + "&names="
                + accounts.stream().map(Paths::encode).collect(Collectors.joining(","));
    }

    @Override
    public ClusterSummary cluster() {
        return await(get("/cluster", ClusterSummary.class, true));
    }

    @Override
    public CompletableFuture<ClusterSummary> clusterAsync() {
        return get("/cluster", ClusterSummary.class, false);
    }

    @Override
    public MembersView members() {
        return await(get("/cluster/members", MembersView.class, true));
    }

    @Override
    public CompletableFuture<MembersView> membersAsync() {
        return get("/cluster/members", MembersView.class, false);
    }

    @Override
    public PartitionsView partitions() {
        return await(get("/cluster/partitions", PartitionsView.class, true));
    }

    @Override
    public CompletableFuture<PartitionsView> partitionsAsync() {
        return get("/cluster/partitions", PartitionsView.class, false);
    }

    @Override
    public ClusterMapsView clusterMaps() {
        return await(get("/cluster/maps", ClusterMapsView.class, true));
    }

    @Override
    public CompletableFuture<ClusterMapsView> clusterMapsAsync() {
        return get("/cluster/maps", ClusterMapsView.class, false);
    }

    @Override
    public MigrationsView migrations() {
        return await(get("/cluster/migrations", MigrationsView.class, true));
    }

    @Override
    public CompletableFuture<MigrationsView> migrationsAsync() {
        return get("/cluster/migrations", MigrationsView.class, false);
    }

    @Override
    public List<EndpointStatus> endpoints() {
        return pool.status();
    }

    @Override
    public RoutingStatus routing() {
        return router == null ? new RoutingStatus(false, false, 0, 0, 0, 0, null, null) : router.status();
    }

    @Override
    public ObjectMapper objectMapper() {
        return json.mapper();
    }

    @Override
    public void close() {
        runner.close(); // a retry still waiting for its backoff completes its call exceptionally instead of hanging
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (ownExecutor != null) {
            ownExecutor.shutdown();
        }
    }

    // --- shared by the map handles ----------------------------------------------------------------------------------

    JsonValues json() {
        return json;
    }

    /** Runs a call; {@code blocking} sends its first attempt on the calling thread (the synchronous API). */
    CompletableFuture<Reply> send(Call call, boolean blocking) {
        return runner.run(call, blocking);
    }

    /** A write's call: with a fresh idempotency key unless keys are off; {@code conditional} when it has a precondition. */
    Call write(String method, String path, List<String> headers, String body, boolean conditional) {
        if (!settings.idempotencyKeys()) {
            return new Call(method, path, headers, body,
                    conditional ? RetryDecision.Kind.CONDITIONAL_WRITE : RetryDecision.Kind.UNKEYED_WRITE, null);
        }
        String key = UUID.randomUUID().toString();
        List<String> withKey = new java.util.ArrayList<>(headers);
        withKey.add(Preconditions.IDEMPOTENCY_KEY);
        withKey.add(key);
        return new Call(method, path, withKey, body, RetryDecision.Kind.KEYED_WRITE, key);
    }

    /** A read of a wire record, retried freely. */
    <T> CompletableFuture<T> get(String path, Class<T> type, boolean blocking) {
        return get(path, null, type, blocking);
    }

    /** {@link #get(String, Class, boolean)} routed to the owner of {@code routingKey}'s partition (null: not routed). */
    <T> CompletableFuture<T> get(String path, String routingKey, Class<T> type, boolean blocking) {
        return send(new Call("GET", path, List.of(), null, RetryDecision.Kind.READ, null, routingKey), blocking)
                .thenApply(reply -> json.read(reply.body(), type));
    }

    private <T> CompletableFuture<T> post(String path, Object body, Class<T> type, boolean blocking) {
        return writeRecord("POST", path, body, type, null, blocking);
    }

    /** {@link #lockingWrite} as a POST. */
    private <T> CompletableFuture<T> postLocking(String path, Object body, Class<T> type, boolean blocking) {
        return lockingWrite("POST", path, body, type, blocking);
    }

    /**
     * A keyed write that may wait on the node for locks or a commit (a transaction, a transfer, a guarantee-mode
     * write): each attempt may wait {@link ClientSettings#lockingAttemptTimeout()}, longer than the node's lock and
     * transaction waits, so a slow commit is not reported unknown while the node still runs it.
     */
    <T> CompletableFuture<T> lockingWrite(String method, String path, Object body, Class<T> type, boolean blocking) {
        return lockingWrite(method, path, null, body, type, blocking);
    }

    /** {@link #lockingWrite} routed to the owner of {@code routingKey}'s partition (null: not routed). */
    <T> CompletableFuture<T> lockingWrite(String method, String path, String routingKey, Object body, Class<T> type,
                                          boolean blocking) {
        Objects.requireNonNull(body, "request");
        Call call = write(method, path, List.of(), json.encode(body), false).routedBy(routingKey);
        return runner.run(call, settings.lockingAttemptTimeout(), blocking).thenApply(reply -> json.read(reply.body(), type));
    }

    /** A write of a wire record answered by one; {@code timeout} per attempt, null for the request timeout. */
    private <T> CompletableFuture<T> writeRecord(String method, String path, Object body, Class<T> type,
                                                 Duration timeout, boolean blocking) {
        Objects.requireNonNull(body, "request");
        return runner.run(write(method, path, List.of(), json.encode(body), false), timeout, blocking)
                .thenApply(reply -> json.read(reply.body(), type));
    }

    /** Waits for an operation and rethrows its {@link FlotillaException} as it is. */
    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlotillaException(FlotillaException.CONNECTION_LOST, false,
                    "interrupted while waiting; the request may have been applied", e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new FlotillaException(FlotillaException.CONNECTION_LOST, false, "unexpected failure: " + cause, cause);
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

package dev.flotilla.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.client.internal.ClientSettings;
import dev.flotilla.client.internal.HttpFlotillaClient;
import dev.flotilla.client.internal.TrustedCertificates;
import dev.flotilla.client.protocol.AccountsRequest;
import dev.flotilla.client.protocol.BalancesView;
import dev.flotilla.client.protocol.ClusterMapsView;
import dev.flotilla.client.protocol.ClusterSummary;
import dev.flotilla.client.protocol.MembersView;
import dev.flotilla.client.protocol.MigrationsView;
import dev.flotilla.client.protocol.PartitionsView;
import dev.flotilla.client.protocol.TransactionRequest;
import dev.flotilla.client.protocol.TransactionResult;
import dev.flotilla.client.protocol.TransferRequest;
import dev.flotilla.client.protocol.TransferResult;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A client of a fleet of grid-server nodes: load balancing, health probing, failover and retries that never apply
 * a write twice.
 *
 * <pre>{@code
 * try (FlotillaClient client = FlotillaClient.builder()
 *         .endpoints("http://127.0.0.1:8081", "http://127.0.0.1:8082", "http://127.0.0.1:8083")
 *         .build()) {
 *     RemoteMap orders = client.map("orders");
 *     long v = orders.put("o-1", Map.of("total", 12));
 *     orders.compareAndSet("o-1", v, Map.of("total", 13));
 * }
 * }</pre>
 *
 * <p>Every node serves every key, so any node in rotation can take any request. Failures are
 * {@link FlotillaException}s whose {@code definite} flag says whether the request surely did not take effect;
 * a write that may have been applied after every retry is an {@link IndeterminateResultException}. Instances are
 * thread-safe; close them to stop health probing and release connections.
 *
 * <p>Guarantees during migration, member loss and split brain are those of the operation called: see
 * {@link RemoteMap} for documents and {@code docs/guarantees.md} for the guarantee modes of transfers,
 * {@link RemoteRegister}, {@link RemoteGrowSet} and {@link RemoteCounter}.
 */
public interface FlotillaClient extends AutoCloseable {

    /** A builder with the defaults: round robin, {@link RetryPolicy#defaults()}, {@link HealthCheck#defaults()}. */
    static Builder builder() {
        return new Builder();
    }

    /** The map of that name (no request is sent until an operation is called). */
    RemoteMap map(String name);

    /**
     * Moves money between two accounts under a guarantee mode ({@code POST /transfers}); applied at most once with
     * the client's idempotency key, and what the mode promises during migration, member loss and split brain holds
     * (docs/guarantees.md). Failures: {@code insufficient-balance} (409), {@code invalid-argument} (400: unknown
     * account, bad amount, a mode the grid cannot run such as {@code cp} without CP members), all definite.
     */
    TransferResult transfer(TransferRequest transfer);

    /** {@link #transfer}, without blocking. */
    CompletableFuture<TransferResult> transferAsync(TransferRequest transfer);

    /**
     * Applies gets, puts and deletes on keys of one or more maps atomically ({@code POST /tx}) under
     * {@code tx-one-phase} or {@code tx-two-phase}; applied at most once with the client's idempotency key.
     * Failures: {@link VersionConflictException} (412 {@code version-mismatch}, naming the map and key; nothing was
     * written), {@code invalid-request}, {@code invalid-map-name}, {@code invalid-key}, {@code invalid-json},
     * {@code invalid-argument} (400: bad shape, names, documents, more than 100 operations, a key written twice,
     * another mode), all definite. During member loss a one-phase commit can be partial; a two-phase commit is
     * completed by the member holding its log backup; in a split brain both sides commit and the merge keeps one
     * side's entry per key (docs/guarantees.md).
     */
    TransactionResult transaction(TransactionRequest transaction);

    /** {@link #transaction}, without blocking. */
    CompletableFuture<TransactionResult> transactionAsync(TransactionRequest transaction);

    /**
     * Sets account balances, opening missing accounts ({@code POST /accounts}); applied at most once with the
     * client's idempotency key. Atomic only under the transactional and CP modes.
     */
    BalancesView openAccounts(AccountsRequest accounts);

    /** {@link #openAccounts}, without blocking. */
    CompletableFuture<BalancesView> openAccountsAsync(AccountsRequest accounts);

    /**
     * The balances of the named accounts ({@code GET /accounts/{namespace}}), as consistent a snapshot as the mode
     * allows (docs/guarantees.md); retried freely.
     */
    BalancesView balances(String namespace, String mode, Collection<String> accounts);

    /** {@link #balances}, without blocking. */
    CompletableFuture<BalancesView> balancesAsync(String namespace, String mode, Collection<String> accounts);

    /**
     * The keyed long registers of {@code namespace} under guarantee mode {@code mode} (no request is sent until an
     * operation is called); each operation keeps what the mode promises during migration, member loss and split
     * brain (docs/guarantees.md), and writes are applied at most once with the client's idempotency key.
     *
     * @param namespace 1-48 letters, digits, '_', '.' or '-' (checked by the node: {@code 400 invalid-argument})
     * @param mode      a guarantee mode id such as {@code atomic-key} or {@code cp} (checked by the node)
     */
    RemoteRegister register(String namespace, String mode);

    /**
     * The grow-only set of {@code namespace} under guarantee mode {@code mode} (no request is sent until an
     * operation is called); adds keep what the mode promises during migration, member loss and split brain
     * (docs/guarantees.md), and are applied at most once with the client's idempotency key.
     */
    RemoteGrowSet growSet(String namespace, String mode);

    /**
     * The counter of {@code namespace} under guarantee mode {@code mode} (no request is sent until an operation is
     * called); increments keep what the mode promises during migration, member loss and split brain
     * (docs/guarantees.md), and are applied at most once with the client's idempotency key.
     */
    RemoteCounter counter(String namespace, String mode);

    /** {@code GET /cluster} from any node: the view of the node that answers (nodes on two sides of a split differ). */
    ClusterSummary cluster();

    /** {@link #cluster}, without blocking. */
    CompletableFuture<ClusterSummary> clusterAsync();

    /** {@code GET /cluster/members}: members in join order, as the answering node sees them. */
    MembersView members();

    /** {@link #members}, without blocking. */
    CompletableFuture<MembersView> membersAsync();

    /** {@code GET /cluster/partitions}: owner and backups of every partition, as the answering node sees them. */
    PartitionsView partitions();

    /** {@link #partitions}, without blocking. */
    CompletableFuture<PartitionsView> partitionsAsync();

    /**
     * {@code GET /cluster/maps}: entries, memory, operations and throughput per map from every member, gathered by
     * the answering node (members that did not answer in time are listed as missing). A snapshot per member, not a
     * consistent cut: during migration sums can count an entry twice or miss it; in a split brain only the
     * answering node's side is counted.
     */
    ClusterMapsView clusterMaps();

    /** {@link #clusterMaps}, without blocking. */
    CompletableFuture<ClusterMapsView> clusterMapsAsync();

    /** {@code GET /cluster/migrations}: ask it of the master's node for migration processes (docs/http-api.md). */
    MigrationsView migrations();

    /** {@link #migrations}, without blocking. */
    CompletableFuture<MigrationsView> migrationsAsync();

    /** What the client knows of each node now: state, requests in flight, requests sent. */
    List<EndpointStatus> endpoints();

    /** The mapper used for values and wire records. */
    ObjectMapper objectMapper();

    /**
     * What the client knows of the partition table for owner-aware routing; {@code enabled} false when it is off.
     * A snapshot of a hint: during a migration or after a member loss it may lag the cluster by a refresh.
     */
    RoutingStatus routing();

    /** Stops health probing and the client's own threads; requests in flight complete or fail. */
    @Override
    void close();

    /**
     * Default per-attempt timeout of transactions and transfers: above the node's longest wait (two 30 s lock waits
     * of a {@code locked} transfer; a transaction is bounded by its 30 s timeout), with a margin.
     */
    Duration DEFAULT_LOCKING_REQUEST_TIMEOUT = Duration.ofSeconds(70);

    /** Builds a {@link FlotillaClient}; every setting is validated by {@link #build()}. */
    final class Builder {
        private final List<URI> endpoints = new ArrayList<>();
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration lockingRequestTimeout = DEFAULT_LOCKING_REQUEST_TIMEOUT;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private LoadBalancing loadBalancing = LoadBalancing.ROUND_ROBIN;
        private HealthCheck healthCheck = HealthCheck.defaults();
        private PartitionRouting partitionRouting = PartitionRouting.disabled();
        private String bearerToken;
        private Executor executor;
        private ObjectMapper objectMapper;
        private boolean idempotencyKeys = true;
        private SSLContext sslContext;
        private Path trustedCertificates;

        private Builder() {
        }

        /** Adds node base URIs such as {@code http://127.0.0.1:8081}. */
        public Builder endpoints(String... uris) {
            for (String uri : uris) {
                endpoints.add(URI.create(Objects.requireNonNull(uri, "endpoint")));
            }
            return this;
        }

        /** Adds node base URIs. */
        public Builder endpoints(Collection<URI> uris) {
            endpoints.addAll(uris);
            return this;
        }

        /** How long opening a connection may take (default 2 s); a connection not opened in time is definite. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /** How long one attempt may wait for its answer (default 10 s); a timeout after sending is not definite. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /**
         * How long one attempt of {@link #transaction}, {@link #transfer} or a write of a {@link RemoteRegister},
         * {@link RemoteGrowSet} or {@link RemoteCounter} may wait for its answer (default 70 s; the longer of this
         * and {@link #requestTimeout} is used). These wait on the node: a transaction for locks up to the node's
         * 30 s transaction timeout, a {@code locked} transfer up to 30 s for each of its two account locks, a
         * {@code locked} register, set or counter write up to 30 s for its lock. An attempt given up sooner than the node ends as a false {@link IndeterminateResultException}
         * while the node may still commit, so keep this above the node's waits.
         */
        public Builder lockingRequestTimeout(Duration timeout) {
            this.lockingRequestTimeout = timeout;
            return this;
        }

        /** How many attempts and how long between them (default {@link RetryPolicy#defaults()}). */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = policy;
            return this;
        }

        /** How a node is picked per request (default {@link LoadBalancing#ROUND_ROBIN}). */
        public Builder loadBalancing(LoadBalancing policy) {
            this.loadBalancing = policy;
            return this;
        }

        /** Background health probing (default {@link HealthCheck#defaults()}). */
        public Builder healthCheck(HealthCheck check) {
            this.healthCheck = check;
            return this;
        }

        /**
         * Owner-aware routing over the {@link #loadBalancing} policy (default {@link PartitionRouting#disabled()}):
         * document requests go to the node that owns the key's partition when the client knows it, saving the
         * node's hop to the owner. A hint only: outcomes, retries and guarantees are those of the policy alone,
         * during migrations, member loss and split brain too (see {@link PartitionRouting}).
         */
        public Builder partitionRouting(PartitionRouting routing) {
            this.partitionRouting = routing;
            return this;
        }

        /** Sends {@code Authorization: Bearer <token>} on every request. */
        public Builder bearerToken(String token) {
            this.bearerToken = token;
            return this;
        }

        /**
         * Trusts, for {@code https://} nodes, exactly the CA (or self-signed) certificates in {@code file}: PEM (one
         * or more {@code -----BEGIN CERTIFICATE-----} blocks) or DER. The JDK's default CAs are then not trusted. Host
         * names are still verified: the node's certificate must name the host of its endpoint URI (a DNS or IP
         * subject alternative name). Read and checked by {@link #build()}.
         */
        public Builder trustedCertificates(Path file) {
            this.trustedCertificates = file;
            return this;
        }

        /**
         * The TLS context for {@code https://} nodes, for anything {@link #trustedCertificates} does not cover (a
         * trust store, a client certificate). Default: the JDK's, which trusts its own CA list only.
         */
        public Builder sslContext(SSLContext context) {
            this.sslContext = context;
            return this;
        }

        /** Runs HTTP I/O callbacks and async completions on this executor instead of the client's own threads. */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /** Maps values and wire records (default: a plain {@code ObjectMapper}). */
        public Builder objectMapper(ObjectMapper mapper) {
            this.objectMapper = mapper;
            return this;
        }

        /**
         * Whether writes carry a generated {@code Idempotency-Key} (default true). Without keys an unconditional
         * write is retried only after a definite failure, and fails with {@link IndeterminateResultException}
         * otherwise.
         */
        public Builder idempotencyKeys(boolean enabled) {
            this.idempotencyKeys = enabled;
            return this;
        }

        /**
         * The client; starts health probing.
         *
         * @throws IllegalArgumentException naming the first bad setting
         */
        public FlotillaClient build() {
            if (trustedCertificates != null && sslContext != null) {
                throw new IllegalArgumentException("trustedCertificates and sslContext: set one of them, not both");
            }
            SSLContext tls = trustedCertificates == null ? sslContext : TrustedCertificates.context(trustedCertificates);
            return HttpFlotillaClient.start(new ClientSettings(endpoints, connectTimeout, requestTimeout, lockingRequestTimeout, retryPolicy,
                    loadBalancing, healthCheck, bearerToken, executor,
                    objectMapper == null ? new ObjectMapper() : objectMapper, idempotencyKeys, tls, partitionRouting));
        }
    }
}

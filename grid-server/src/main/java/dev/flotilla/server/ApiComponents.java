package dev.flotilla.server;

/**
 * References to the shared parts of the OpenAPI document (src/main/openapi/flotilla-components.yml, merged into the
 * generated document at compile time), for the controllers' annotations: body schemas of the client module's wire
 * records, one error response per status, headers and parameters.
 */
public final class ApiComponents {
    private static final String PARAMETERS = "#/components/parameters/";
    private static final String SCHEMAS = "#/components/schemas/";

    public static final String PROBLEM = SCHEMAS + "Problem";
    public static final String DOCUMENT = SCHEMAS + "Document";
    public static final String WRITE_RESULT = SCHEMAS + "WriteResult";
    public static final String BATCH_REQUEST = SCHEMAS + "BatchRequest";
    public static final String BATCH_RESPONSE = SCHEMAS + "BatchResponse";
    public static final String ACCOUNTS_REQUEST = SCHEMAS + "AccountsRequest";
    public static final String BALANCES_VIEW = SCHEMAS + "BalancesView";
    public static final String TRANSFER_REQUEST = SCHEMAS + "TransferRequest";
    public static final String TRANSFER_RESULT = SCHEMAS + "TransferResult";
    public static final String REGISTER_WRITE_REQUEST = SCHEMAS + "RegisterWriteRequest";
    public static final String REGISTER_VIEW = SCHEMAS + "RegisterView";
    public static final String REGISTER_CAS_REQUEST = SCHEMAS + "RegisterCompareAndSetRequest";
    public static final String REGISTER_CAS_RESULT = SCHEMAS + "RegisterCompareAndSetResult";
    public static final String GROW_SET_ADD_REQUEST = SCHEMAS + "GrowSetAddRequest";
    public static final String GROW_SET_ADD_RESULT = SCHEMAS + "GrowSetAddResult";
    public static final String GROW_SET_VIEW = SCHEMAS + "GrowSetView";
    public static final String COUNTER_INCREMENT_REQUEST = SCHEMAS + "CounterIncrementRequest";
    public static final String COUNTER_VIEW = SCHEMAS + "CounterView";
    public static final String TRANSACTION_REQUEST = SCHEMAS + "TransactionRequest";
    public static final String TRANSACTION_RESULT = SCHEMAS + "TransactionResult";
    public static final String CLUSTER_SUMMARY = SCHEMAS + "ClusterSummary";
    public static final String MEMBERS_VIEW = SCHEMAS + "MembersView";
    public static final String PARTITIONS_VIEW = SCHEMAS + "PartitionsView";
    public static final String KEY_PARTITION_VIEW = SCHEMAS + "KeyPartitionView";
    public static final String MIGRATIONS_VIEW = SCHEMAS + "MigrationsView";
    public static final String CLUSTER_MAPS_VIEW = SCHEMAS + "ClusterMapsView";
    public static final String DATA_LOSS_VIEW = SCHEMAS + "DataLossView";
    public static final String CLUSTER_EVENT_VIEW = SCHEMAS + "ClusterEventView";
    public static final String EXPERIMENT_SPEC = SCHEMAS + "ExperimentSpec";
    public static final String EXPERIMENT_STATUS = SCHEMAS + "ExperimentStatus";
    public static final String EXPERIMENT_STATUS_LIST = SCHEMAS + "ExperimentStatusList";
    public static final String EXPERIMENT_REPORT = SCHEMAS + "ExperimentReport";

    public static final String GUARANTEE_MODE = SCHEMAS + "GuaranteeMode";

    public static final String MODE_PARAMETER = PARAMETERS + "mode";
    public static final String NAMES_PARAMETER = PARAMETERS + "names";
    public static final String TTL_PARAMETER = PARAMETERS + "ttl";

    // Error responses are written inline (a $ref to a shared response gets a generated description beside it,
    // which OpenAPI 3.0 ignores and linters flag); their descriptions are shared here.
    public static final String BAD_REQUEST = "Bad input, nothing ran (definite): invalid-map-name, invalid-key,"
            + " malformed-json, invalid-json, invalid-request, invalid-argument, invalid-if-match, unknown-parameter,"
            + " invalid-parameter, invalid-spec, bad-request";
    public static final String NOT_FOUND = "not-found: the key or experiment does not exist (definite)";
    public static final String NOT_ACCEPTABLE = "not-acceptable: Accept excludes every type the operation produces";
    public static final String IN_PROGRESS = "request-in-progress: a request with the same Idempotency-Key is still"
            + " running, or its node stopped before recording the outcome; nothing ran";
    public static final String PRECONDITION_FAILED = "version-mismatch (no entity tag of If-Match matched;"
            + " currentVersion is the version found, 0 = absent) or precondition-failed (If-Match: * on an absent key,"
            + " If-None-Match: * on a present one); nothing written";
    public static final String PAYLOAD_TOO_LARGE = "body-too-large: the body is over micronaut.server.max-request-size"
            + " (1 MiB + 64 KiB by default)";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported-media-type: a Content-Type the operation does not take";
    public static final String KEY_REUSED = "idempotency-key-reused: the Idempotency-Key was used for a different"
            + " request; nothing ran";
    public static final String INTERNAL = "internal: unexpected; the operation may or may not have been applied";
    public static final String UNAVAILABLE = "Definite: member-not-running, no-quorum, lock-unavailable, no-data-member,"
            + " cp-group-destroyed. Not definite: member-lost, indeterminate";
    public static final String GATEWAY_TIMEOUT = "timeout: no answer in time; the operation may or may not have been applied";

    public static final String ETAG = "The entry version as a strong entity tag: \"3\"";
    public static final String LOCATION = "The URI of what was created";
    public static final String IDEMPOTENT_REPLAYED = "true when the answer replays the recorded outcome of an earlier"
            + " request with the same Idempotency-Key";
    public static final String IDEMPOTENCY_KEY = "1-255 visible ASCII characters; a retry with the same key is applied"
            + " at most once within the window (10 minutes by default)";
    public static final String IF_MATCH = "* (the key must exist) or a list of entity tags (\"3\" or \"2\", \"3\"):"
            + " only if the current version is one of them, compared strongly (a weak tag never matches); malformed: 400";
    public static final String IF_NONE_MATCH_WRITE = "* only: create only if the key is absent";
    public static final String IF_NONE_MATCH_READ = "* or a list of entity tags, compared weakly: 304 when one names"
            + " the current version";
    public static final String TTL = "Time to live in whole seconds, 1 to 316224000; without it the map's configured"
            + " time to live applies";

    private ApiComponents() {
    }
}

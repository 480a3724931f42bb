package dev.flotilla.grid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns YAML or flattened properties into a {@link GridConfig}; keys are those documented in config/README.md. */
final class GridConfigReader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern INDEXED = Pattern.compile("(.+)\\[(\\d+)]");
    private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");

    static final Set<String> MAP_SETTINGS = orderedSet("backup-count", "async-backup-count", "read-backup-data",
            "time-to-live-seconds", "merge-policy", "split-brain-min-size", "split-brain-function",
            "split-brain-tolerance-millis", "split-brain-protect-on", "store-mode", "store-write-delay-seconds",
            "store-write-batch-size", "store-write-coalescing", "store-initial-load");
    /** The cases of {@link #fromProperties}' switch and the map-defaults settings; a test keeps them in step. */
    static final Set<String> KEYS = keys();

    private GridConfigReader() {
    }

    static GridConfig fromYaml(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return fromYaml(reader);
        }
    }

    static GridConfig fromYaml(Reader yaml) throws IOException {
        JsonNode root = YAML.readTree(yaml);
        Map<String, Object> flat = new LinkedHashMap<>();
        if (root != null && !root.isMissingNode() && !root.isNull()) {
            if (!root.isObject()) {
                throw new InvalidConfigException("(root)", root.toString(), "must be a mapping of keys to values");
            }
            JsonNode section = root.has("flotilla") ? root.get("flotilla") : root;
            flatten("", section, flat);
        }
        return fromProperties(flat);
    }

    static GridConfig fromProperties(Map<String, ?> flattened) {
        GridConfig.Builder builder = GridConfig.builder();
        Map<String, List<String>> mapKeys = new TreeMap<>();
        MapSettings[] defaults = {MapSettings.DEFAULT};
        StoreSettings[] store = {StoreSettings.NONE};
        Map<Integer, String> indexedMembers = new TreeMap<>();
        for (Map.Entry<String, ?> entry : flattened.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (key.startsWith("properties.")) {
                builder.property(key.substring("properties.".length()), text(key, value));
                continue;
            }
            if (key.startsWith("maps.")) {
                int lastDot = key.lastIndexOf('.');
                String name = key.substring("maps.".length(), Math.max(lastDot, "maps.".length()));
                if (name.isEmpty() || lastDot <= "maps.".length()) {
                    throw new InvalidConfigException(key, value, "expected maps.<map-name>.<setting>");
                }
                mapKeys.computeIfAbsent(name, n -> new ArrayList<>()).add(key);
                continue;
            }
            String normalized = kebabPath(key);
            Matcher indexed = INDEXED.matcher(normalized);
            if (indexed.matches() && indexed.group(1).equals("members")) {
                indexedMembers.put(Integer.parseInt(indexed.group(2)), text(key, value));
                continue;
            }
            switch (normalized) {
                case "cluster-name" -> builder.clusterName(text(key, value));
                case "bind-address" -> builder.bindAddress(text(key, value));
                case "public-address" -> builder.publicAddress(text(key, value));
                case "hazelcast-config" -> builder.hazelcastConfig(Path.of(text(key, value)));
                case "port" -> builder.port(integer(key, value));
                case "port-auto-increment" -> builder.portAutoIncrement(bool(key, value));
                case "client-protocol" -> builder.clientProtocol(bool(key, value));
                case "member-secret" -> builder.memberSecret(text(key, value));
                case "members" -> builder.members(list(key, value));
                case "partition-count" -> builder.partitionCount(integer(key, value));
                case "cp.member-count" -> builder.cpMemberCount(integer(key, value));
                case "cp.fail-on-indeterminate-operation-state" -> builder.cpFailOnIndeterminateState(bool(key, value));
                case "cp.leader-election-timeout-millis" -> builder.cpLeaderElectionTimeout(Duration.ofMillis(integer(key, value)));
                case "cp.leader-heartbeat-period-millis" -> builder.cpLeaderHeartbeatPeriod(Duration.ofMillis(integer(key, value)));
                case "split-brain-protection.min-cluster-size" -> throw new InvalidConfigException(key, value,
                        "replaced by the map setting split-brain-min-size (map-defaults.split-brain-min-size for every "
                                + "map, maps.<name>.split-brain-min-size for one; see config/README.md)");
                case "failure-detection.heartbeat-interval-seconds" -> builder.heartbeatInterval(Duration.ofSeconds(integer(key, value)));
                case "failure-detection.max-no-heartbeat-seconds" -> builder.maxNoHeartbeat(Duration.ofSeconds(integer(key, value)));
                case "store.url" -> store[0] = store[0].withUrl(optionalText(key, value));
                case "store.user" -> store[0] = store[0].withUser(optionalText(key, value));
                case "store.password" -> store[0] = store[0].withPassword(optionalText(key, value));
                case "store.pool-size" -> store[0] = store[0].withPoolSize(integer(key, value));
                case "store.timeout-millis" -> store[0] = store[0].withTimeout(Duration.ofMillis(integer(key, value)));
                case "store.write-behind-queue-capacity" -> store[0] = store[0].withWriteBehindQueueCapacity(integer(key, value));
                default -> {
                    if (normalized.startsWith("map-defaults.")) {
                        defaults[0] = applyMapSetting(key, normalized.substring("map-defaults.".length()), value, defaults[0]);
                    } else {
                        throw new InvalidConfigException(key, value, "unknown key (see config/README.md)");
                    }
                }
            }
        }
        if (!indexedMembers.isEmpty()) {
            builder.members(new ArrayList<>(indexedMembers.values()));
        }
        builder.mapDefaults(defaults[0]);
        builder.store(store[0]);
        // Per-map keys apply over the final defaults, wherever map-defaults stands in the file.
        mapKeys.forEach((name, keys) -> {
            MapSettings settings = defaults[0];
            for (String key : keys) {
                settings = applyMapSetting(key, kebab(key.substring(key.lastIndexOf('.') + 1)), flattened.get(key), settings);
            }
            builder.map(name, settings);
        });
        return builder.build();
    }

    private static Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>(List.of("cluster-name", "bind-address", "public-address", "port",
                "port-auto-increment", "members", "partition-count", "hazelcast-config", "cp.member-count",
                "cp.fail-on-indeterminate-operation-state", "cp.leader-election-timeout-millis",
                "cp.leader-heartbeat-period-millis", "failure-detection.heartbeat-interval-seconds",
                "failure-detection.max-no-heartbeat-seconds", "client-protocol", "member-secret", "store.url",
                "store.user", "store.password", "store.pool-size", "store.timeout-millis",
                "store.write-behind-queue-capacity"));
        MAP_SETTINGS.forEach(setting -> keys.add("map-defaults." + setting));
        return Collections.unmodifiableSet(keys);
    }

    private static Set<String> orderedSet(String... values) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(values)));
    }

    private static MapSettings applyMapSetting(String key, String setting, Object value, MapSettings base) {
        return switch (setting) {
            case "backup-count" -> base.withBackupCount(integer(key, value));
            case "async-backup-count" -> base.withAsyncBackupCount(integer(key, value));
            case "read-backup-data" -> base.withReadBackupData(bool(key, value));
            case "time-to-live-seconds" -> base.withTimeToLive(Duration.ofSeconds(integer(key, value)));
            case "merge-policy" -> base.withMergePolicy(Checks.oneOf(key, text(key, value), MergePolicy.class));
            case "split-brain-min-size" -> base.withSplitBrainProtection(
                    base.splitBrainProtection().withMinSize(integer(key, value)));
            case "split-brain-function" -> base.withSplitBrainProtection(base.splitBrainProtection()
                    .withFunction(Checks.oneOf(key, text(key, value), SplitBrainProtection.Function.class)));
            case "split-brain-tolerance-millis" -> base.withSplitBrainProtection(
                    base.splitBrainProtection().withTolerance(Duration.ofMillis(integer(key, value))));
            case "split-brain-protect-on" -> base.withSplitBrainProtection(base.splitBrainProtection()
                    .withProtectOn(Checks.oneOf(key, text(key, value), SplitBrainProtection.ProtectOn.class)));
            case "store-mode" -> base.withPersistence(base.persistence()
                    .withMode(Checks.oneOf(key, text(key, value), Persistence.Mode.class)));
            case "store-write-delay-seconds" -> base.withPersistence(base.persistence()
                    .withWriteDelay(Duration.ofSeconds(integer(key, value))));
            case "store-write-batch-size" -> base.withPersistence(base.persistence()
                    .withWriteBatchSize(integer(key, value)));
            case "store-write-coalescing" -> base.withPersistence(base.persistence()
                    .withWriteCoalescing(bool(key, value)));
            case "store-initial-load" -> base.withPersistence(base.persistence()
                    .withInitialLoad(Checks.oneOf(key, text(key, value), Persistence.InitialLoad.class)));
            default -> throw new InvalidConfigException(key, value, "unknown map setting (see config/README.md)");
        };
    }

    private static void flatten(String prefix, JsonNode node, Map<String, Object> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), out);
            }
        } else if (node.isArray()) {
            List<Object> values = new ArrayList<>();
            node.forEach(element -> values.add(element.isValueNode() ? element.asText() : element.toString()));
            out.put(prefix, values);
        } else {
            out.put(prefix, node.isNull() ? null : node.asText());
        }
    }

    private static String kebabPath(String key) {
        String[] parts = key.split("\\.");
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(kebab(part));
        }
        return out.toString();
    }

    private static String kebab(String segment) {
        return CAMEL_HUMP.matcher(segment).replaceAll("$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String text(String key, Object value) {
        if (value == null || value instanceof Map || value instanceof List) {
            throw new InvalidConfigException(key, value, "must be a single value");
        }
        return value.toString().strip();
    }

    /** A single value; an empty one (an unset environment variable's default) means none. */
    private static String optionalText(String key, Object value) {
        if (value == null) {
            return null;
        }
        String text = text(key, value);
        return text.isEmpty() ? null : text;
    }

    private static int integer(String key, Object value) {
        if (value instanceof Number number && number.doubleValue() == number.intValue()) {
            return number.intValue();
        }
        try {
            return Integer.parseInt(text(key, value));
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(key, value, "must be a whole number");
        }
    }

    private static boolean bool(String key, Object value) {
        String text = text(key, value).toLowerCase(java.util.Locale.ROOT);
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidConfigException(key, value, "must be true or false");
        };
    }

    private static List<String> list(String key, Object value) {
        if (value instanceof List<?> items) {
            List<String> out = new ArrayList<>();
            for (Object item : items) {
                out.add(text(key, item));
            }
            return out;
        }
        String joined = text(key, value);
        List<String> out = new ArrayList<>();
        for (String part : joined.split(",")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }
}

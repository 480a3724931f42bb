package dev.flotilla.lab.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.flotilla.grid.GridConfig;
import dev.flotilla.grid.InvalidConfigException;
import dev.flotilla.grid.MapSettings;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads an {@link ExperimentSpec} from YAML: known keys only, each with its type checked and its field named. */
final class ExperimentSpecReader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP = Set.of("name", "workload", "mode", "map", "cluster", "members",
            "cp-members", "nemesis", "duration-seconds", "clients", "rate", "seed", "keys", "safe-timeout-seconds",
            "idempotency-keys", "max-no-heartbeat-seconds", "store");
    /** The node file's map settings (config/README.md); the spec's {@code map.} keys are its {@code map-defaults.} keys. */
    private static final Set<String> MAP = Set.of("backup-count", "async-backup-count", "read-backup-data",
            "merge-policy", "split-brain-min-size", "split-brain-function", "split-brain-tolerance-millis",
            "split-brain-protect-on");
    private static final Set<String> NEMESIS = Set.of("name", "interval-seconds", "sizes", "settle-seconds",
            "pause-seconds", "shape", "partition-seconds");

    private ExperimentSpecReader() {
    }

    static ExperimentSpec read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return read(reader);
        }
    }

    static ExperimentSpec read(Reader yaml) throws IOException {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new IOException("not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new InvalidSpecException("(root)", "", "the spec is empty; it needs at least workload and mode");
        }
        requireObject("(root)", root);
        requireKnown("", root, TOP);
        ExperimentSpec.Builder b = ExperimentSpec.builder();
        if (root.has("name")) {
            b.name(text("name", root.get("name")));
        }
        if (!root.has("workload")) {
            throw new InvalidSpecException("workload", null, "is required");
        }
        b.workload(text("workload", root.get("workload")));
        if (!root.has("mode")) {
            throw new InvalidSpecException("mode", null, "is required");
        }
        String mode = text("mode", root.get("mode"));
        // Only the product's map transactions run a list-append txn as one unit; other modes have none.
        if (root.get("workload").asText().equals("list-append") && !mode.equals("tx-one-phase") && !mode.equals("tx-two-phase")) {
            throw new InvalidSpecException("mode", mode, "the list-append workload runs only under tx-one-phase or tx-two-phase");
        }
        b.mode(mode);
        if (root.has("map")) {
            JsonNode map = root.get("map");
            requireObject("map", map);
            requireKnown("map.", map, MAP);
            b.map(mapSettings(map));
        }
        if (root.has("cluster")) {
            b.cluster(text("cluster", root.get("cluster")));
        }
        if (root.has("store")) {
            JsonNode store = root.get("store");
            // YAML 1.1 reads a bare off as false.
            b.store(store.isBoolean() && !store.booleanValue() ? "off" : text("store", store));
        }
        if (root.has("idempotency-keys")) {
            b.idempotencyKeys(bool("idempotency-keys", root.get("idempotency-keys")));
        }
        if (root.has("max-no-heartbeat-seconds")) {
            b.maxNoHeartbeat(seconds("max-no-heartbeat-seconds", root.get("max-no-heartbeat-seconds")));
        }
        if (root.has("members")) {
            b.members(integer("members", root.get("members")));
        }
        if (root.has("cp-members")) {
            JsonNode cp = root.get("cp-members");
            boolean auto = cp.isNull() || (cp.isTextual() && cp.textValue().equals("auto"));
            b.cpMembers(auto ? null : integer("cp-members", cp));
        }
        if (root.has("nemesis")) {
            JsonNode nemesis = root.get("nemesis");
            if (nemesis.isTextual()) {
                b.nemesis(nemesis.textValue());
            } else {
                requireObject("nemesis", nemesis);
                requireKnown("nemesis.", nemesis, NEMESIS);
                if (nemesis.has("name")) {
                    b.nemesis(text("nemesis.name", nemesis.get("name")));
                }
                if (nemesis.has("interval-seconds")) {
                    b.nemesisInterval(seconds("nemesis.interval-seconds", nemesis.get("interval-seconds")));
                }
                if (nemesis.has("pause-seconds")) {
                    b.pauseFor(seconds("nemesis.pause-seconds", nemesis.get("pause-seconds")));
                }
                if (nemesis.has("shape")) {
                    b.partitionShape(text("nemesis.shape", nemesis.get("shape")));
                }
                if (nemesis.has("partition-seconds")) {
                    b.partitionFor(seconds("nemesis.partition-seconds", nemesis.get("partition-seconds")));
                }
                if (nemesis.has("settle-seconds")) {
                    b.settleLimit(seconds("nemesis.settle-seconds", nemesis.get("settle-seconds")));
                }
                if (nemesis.has("sizes")) {
                    JsonNode sizes = nemesis.get("sizes");
                    if (!sizes.isArray()) {
                        throw new InvalidSpecException("nemesis.sizes", sizes.toString(), "must be a list of member counts");
                    }
                    List<Integer> list = new ArrayList<>();
                    for (int i = 0; i < sizes.size(); i++) {
                        list.add(integer("nemesis.sizes[" + i + "]", sizes.get(i)));
                    }
                    b.nemesisSizes(list);
                }
            }
        }
        if (root.has("duration-seconds")) {
            b.duration(seconds("duration-seconds", root.get("duration-seconds")));
        }
        if (root.has("clients")) {
            b.clients(integer("clients", root.get("clients")));
        }
        if (root.has("rate")) {
            JsonNode rate = root.get("rate");
            if (!rate.isNumber()) {
                throw new InvalidSpecException("rate", rate.asText(), "must be a number of operations per second");
            }
            b.rate(rate.doubleValue());
        }
        if (root.has("seed")) {
            JsonNode seed = root.get("seed");
            if (!seed.isIntegralNumber() || !seed.canConvertToLong()) {
                throw new InvalidSpecException("seed", seed.asText(), "must be an integer");
            }
            b.seed(seed.longValue());
        }
        if (root.has("keys")) {
            b.keys(integer("keys", root.get("keys")));
        }
        if (root.has("safe-timeout-seconds")) {
            b.safeTimeout(seconds("safe-timeout-seconds", root.get("safe-timeout-seconds")));
        }
        return b.build();
    }

    /** Parsed and validated by the node's own config reader, so a spec accepts exactly what a node file does. */
    private static MapSettings mapSettings(JsonNode map) {
        Map<String, Object> flat = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getValue().isValueNode() || field.getValue().isNull()) {
                throw new InvalidSpecException("map." + field.getKey(), field.getValue().toString(), "must be a single value");
            }
            flat.put("map-defaults." + field.getKey(), field.getValue().asText());
        }
        try {
            return GridConfig.fromProperties(flat).mapDefaults();
        } catch (InvalidConfigException e) {
            String key = e.field().startsWith("map-defaults.") ? e.field().substring("map-defaults.".length()) : e.field();
            throw new InvalidSpecException("map." + key, e.value(), e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
        }
    }

    private static void requireObject(String field, JsonNode node) {
        if (!node.isObject()) {
            throw new InvalidSpecException(field, node.toString(), "must be a mapping of keys to values");
        }
    }

    private static void requireKnown(String prefix, JsonNode node, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                throw new InvalidSpecException(prefix + key, node.get(key).asText(), "unknown key; known keys here: "
                        + known.stream().sorted().toList());
            }
        }
    }

    private static String text(String field, JsonNode node) {
        if (!node.isTextual()) {
            throw new InvalidSpecException(field, node.toString(), "must be a string");
        }
        return node.textValue();
    }

    private static int integer(String field, JsonNode node) {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new InvalidSpecException(field, node.asText(), "must be a whole number");
        }
        return node.intValue();
    }

    private static boolean bool(String field, JsonNode node) {
        if (!node.isBoolean()) {
            throw new InvalidSpecException(field, node.asText(), "must be true or false");
        }
        return node.booleanValue();
    }

    private static Duration seconds(String field, JsonNode node) {
        if (!node.isNumber()) {
            throw new InvalidSpecException(field, node.asText(), "must be a number of seconds");
        }
        return Duration.ofMillis(Math.round(node.doubleValue() * 1000));
    }
}

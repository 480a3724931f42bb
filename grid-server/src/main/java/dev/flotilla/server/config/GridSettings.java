package dev.flotilla.server.config;

import dev.flotilla.grid.GridConfig;
import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads the {@code flotilla.*} subtree of Micronaut's configuration (application.yml, any file named in
 * {@code micronaut.config.files}, system properties, {@code FLOTILLA_*} environment variables) into a
 * {@link GridConfig}. grid-core does all validation: an unknown key or bad value fails startup naming the key.
 */
public final class GridSettings {
    /** The configuration prefix of every grid setting. */
    public static final String PREFIX = "flotilla";

    private static final Pattern INDEXED = Pattern.compile("(.+)\\[\\d+]");

    private GridSettings() {
    }

    /** The grid config described by {@code environment}'s {@code flotilla.*} keys. */
    public static GridConfig from(Environment environment) {
        return GridConfig.fromProperties(flatten(environment.getProperties(PREFIX, StringConvention.RAW)));
    }

    /**
     * Keys as grid-core expects them. Micronaut exposes a YAML list both as one list value and as indexed keys
     * ({@code members[0]}); the list value is kept and the indexed duplicates dropped, unless only indexed keys exist.
     */
    static Map<String, Object> flatten(Map<String, Object> raw) {
        Map<String, Object> out = new TreeMap<>();
        raw.forEach((key, value) -> {
            if (value instanceof Map<?, ?> nested) {
                return; // Micronaut also lists intermediate nodes as maps; their leaves are listed on their own.
            }
            out.put(key, value instanceof List<?> list ? List.copyOf(list) : value);
        });
        Map<String, Object> result = new LinkedHashMap<>();
        out.forEach((key, value) -> {
            var indexed = INDEXED.matcher(key);
            if (indexed.matches() && out.containsKey(indexed.group(1))) {
                return;
            }
            result.put(key, value);
        });
        return result;
    }
}

package dev.flotilla.server.config;

import dev.flotilla.grid.GridConfig;
import dev.flotilla.grid.InvalidConfigException;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.core.naming.conventions.StringConvention;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads the {@code flotilla.*} keys of every Micronaut property source (application.yml, the files named in
 * {@code micronaut.config.files}, system properties, {@code FLOTILLA_*} environment variables) into a
 * {@link GridConfig}, with Micronaut's precedence: system properties over environment variables over files.
 * grid-core does all validation: an unknown key or bad value fails startup naming the key and where it was set.
 *
 * <p>Why not {@code getProperties("flotilla")} alone: its raw form leaves environment variables out, and its
 * normalised form lists every spelling an environment variable could stand for
 * ({@code FLOTILLA_MAP_DEFAULTS_BACKUP_COUNT} as {@code map.defaults.backup.count},
 * {@code map-defaults.backup-count}, ...), which grid-core would reject as unknown keys. So each key grid-core
 * knows is asked for by name, as {@code @ConfigurationProperties} binding does, and Micronaut resolves it from
 * whichever source holds it; the raw keys of files and system properties are added so a typo there is still
 * rejected by name. The open-ended keys, {@code maps.<name>.<setting>} and {@code properties.<name>}, are found in
 * environment variables by {@link #keyOf(String)}.
 */
public final class GridSettings {
    /** The configuration prefix of every grid setting. */
    public static final String PREFIX = "flotilla";

    private static final String VARIABLE_PREFIX = "FLOTILLA_";
    private static final Pattern INDEXED = Pattern.compile("(.+)\\[\\d+]");

    private GridSettings() {
    }

    /**
     * The grid config described by {@code environment}'s {@code flotilla.*} keys.
     *
     * @throws InvalidNodeConfigException naming the source (file, environment variable, system property), the key
     *                                    and the value when grid-core rejects one
     */
    public static GridConfig from(Environment environment) {
        try {
            return GridConfig.fromProperties(read(environment));
        } catch (InvalidConfigException e) {
            throw rejected(environment, e);
        }
    }

    /** {@code e} as one line that also says where the rejected key was set. */
    static InvalidNodeConfigException rejected(Environment environment, InvalidConfigException e) {
        return new InvalidNodeConfigException(origin(environment, e.field()) + ": " + PREFIX + "." + e.getMessage(), e);
    }

    /** Every {@code flotilla.*} key set in any source, with the value of the source that wins. */
    static Map<String, Object> read(Environment environment) {
        Map<String, Object> raw = flatten(environment.getProperties(PREFIX, StringConvention.RAW));
        Set<String> keys = new LinkedHashSet<>(GridConfig.keys());
        keys.addAll(raw.keySet());
        // Micronaut resolves a variable only under its dotted and dashed spellings, never with an underscore kept,
        // so a key such as maps.user_sessions.backup-count is taken from its variable directly.
        Map<String, Object> variables = new LinkedHashMap<>();
        environment.getPropertySources().stream()
                .filter(source -> source.getConvention() == PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE)
                .sorted(Comparator.comparingInt(PropertySource::getOrder))
                .forEach(source -> variables(source).forEach(variable -> keyOf(variable)
                        .ifPresent(key -> variables.put(key, source.get(variable)))));
        keys.addAll(variables.keySet());
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : keys) {
            Object value = environment.getProperty(PREFIX + "." + key, Object.class)
                    .filter(v -> !(v instanceof Map<?, ?>))
                    .orElse(raw.get(key));
            if (key.contains("_") && variables.containsKey(key) && System.getProperty(PREFIX + "." + key) == null) {
                value = variables.get(key); // over a file, as every variable is; only a system property wins
            }
            if (value != null) {
                out.put(key, value instanceof List<?> list ? List.copyOf(list) : value);
            }
        }
        return out;
    }

    /**
     * The key an environment variable {@code FLOTILLA_...} sets, where that is unambiguous: a key of
     * {@link GridConfig#keys()} with {@code .} and {@code -} as {@code _} ({@code FLOTILLA_MAP_DEFAULTS_BACKUP_COUNT}),
     * {@code FLOTILLA_MAPS_<NAME>_<SETTING>} for a lower-case map name (the longest setting that ends the name wins:
     * {@code _ASYNC_BACKUP_COUNT} over {@code _BACKUP_COUNT}), {@code FLOTILLA_PROPERTIES_<NAME>} for a Hazelcast
     * property (all dots: {@code FLOTILLA_PROPERTIES_HAZELCAST_IO_THREAD_COUNT}). Any other variable is not a grid
     * key (the launcher's {@code FLOTILLA_JAVA_OPTS}, other {@code flotilla-*} settings) and is left alone.
     */
    static Optional<String> keyOf(String variable) {
        if (!variable.startsWith(VARIABLE_PREFIX)) {
            return Optional.empty();
        }
        String rest = variable.substring(VARIABLE_PREFIX.length());
        for (String key : GridConfig.keys()) {
            if (variableForm(key).equals(rest)) {
                return Optional.of(key);
            }
        }
        if (rest.startsWith("MAPS_")) {
            return GridConfig.mapSettingKeys().stream().sorted(Comparator.comparingInt(String::length).reversed())
                    .filter(setting -> rest.endsWith("_" + variableForm(setting))
                            && rest.length() > "MAPS_".length() + setting.length() + 1)
                    .findFirst()
                    .map(setting -> "maps." + rest.substring("MAPS_".length(), rest.length() - setting.length() - 1)
                            .toLowerCase(Locale.ROOT) + "." + setting);
        }
        if (rest.startsWith("PROPERTIES_") && rest.length() > "PROPERTIES_".length()) {
            return Optional.of("properties." + rest.substring("PROPERTIES_".length()).toLowerCase(Locale.ROOT)
                    .replace('_', '.'));
        }
        return Optional.empty();
    }

    /** Where a key was set, as a user would look for it: the file, the variable, the system property. */
    static String origin(Environment environment, String field) {
        var indexed = INDEXED.matcher(field);
        String key = indexed.matches() ? indexed.group(1) : field;
        List<PropertySource> sources = environment.getPropertySources().stream()
                .sorted(Comparator.comparingInt(PropertySource::getOrder).reversed()).toList();
        for (PropertySource source : sources) {
            if (source.getConvention() == PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE) {
                Optional<String> variable = variables(source).filter(v -> keyOf(v).filter(key::equals).isPresent())
                        .findFirst();
                if (variable.isPresent()) {
                    return "environment variable " + variable.get();
                }
            } else if (source.get(PREFIX + "." + key) != null || source.get(PREFIX + "." + field) != null) {
                if (source.getName().equals("system")) {
                    return "system property -D" + PREFIX + "." + key;
                }
                return source.getOrigin() == null ? source.getName() : source.getOrigin().location();
            }
        }
        return "configuration";
    }


    private static java.util.stream.Stream<String> variables(PropertySource source) {
        List<String> names = new java.util.ArrayList<>();
        source.forEach(names::add);
        return names.stream().filter(name -> name.startsWith(VARIABLE_PREFIX));
    }

    private static String variableForm(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
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

package dev.flotilla.server.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.naming.conventions.StringConvention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The node's {@code flotilla-server.security.*} settings, resolved once at startup: whether security is on, and
 * the tokens. A setting that cannot work (an unknown {@code enabled} value, a tokens file that cannot be read or
 * has a bad line, security on with no token) fails startup with one line (exit 78).
 *
 * <ul>
 *   <li>{@code enabled}: {@code auto} (default): on when {@code micronaut.server.host} is not a loopback address
 *   (unset, {@code 0.0.0.0}, a LAN address or a name that resolves elsewhere); off on {@code 127.0.0.0/8},
 *   {@code ::1} and {@code localhost}. {@code true} or {@code false} decide it outright.</li>
 *   <li>{@code tokens-file}: lines {@code <name> <role>[,<role>] <sha256-hex>}; {@code #} starts a comment.</li>
 *   <li>{@code tokens.<name>.hash} and {@code tokens.<name>.roles} (a list or comma-separated): tokens in
 *   configuration, beside or instead of the file.</li>
 * </ul>
 */
@Context
public final class SecuritySettings {
    /** The configuration prefix. */
    public static final String PREFIX = "flotilla-server.security";
    private static final Logger LOG = LoggerFactory.getLogger(SecuritySettings.class);
    private static final String LINE_FORMAT = "<name> <role>[,<role>] <sha256-hex>";

    private final boolean enabled;
    private final List<Token> tokens;

    /** Reads the settings of {@code environment}. */
    public SecuritySettings(Environment environment) {
        String setting = environment.getProperty(PREFIX + ".enabled", String.class).orElse("auto");
        Optional<String> host = environment.getProperty("micronaut.server.host", String.class).filter(h -> !h.isBlank());
        this.enabled = enabled(setting, host);
        List<Token> all = new ArrayList<>();
        environment.getProperty(PREFIX + ".tokens-file", String.class).filter(f -> !f.isBlank())
                .ifPresent(file -> all.addAll(readFile(Path.of(file))));
        all.addAll(fromConfiguration(environment));
        Set<String> names = new TreeSet<>();
        for (Token token : all) {
            if (!names.add(token.name())) {
                throw new ConfigurationException(token.origin() + ": token name '" + token.name() + "' is given twice");
            }
        }
        this.tokens = List.copyOf(all);
        if (enabled && tokens.isEmpty()) {
            throw new ConfigurationException(PREFIX + ": security is on (" + why(setting, host) + ") but no token is"
                    + " configured: set " + PREFIX + ".tokens-file or " + PREFIX + ".tokens.<name>.hash and .roles"
                    + " (bin/flotilla token makes one), or " + PREFIX + ".enabled: false on a trusted network");
        }
        if (enabled) {
            LOG.info("security on: {} token(s) ({})", tokens.size(), String.join(", ", names));
        } else if (!tokens.isEmpty()) {
            LOG.warn("security off ({}): the {} configured token(s) are not required", why(setting, host), tokens.size());
        }
    }

    /** Whether callers must present tokens. */
    public boolean enabled() {
        return enabled;
    }

    /** The configured tokens, in the order given (file first). */
    List<Token> tokens() {
        return tokens;
    }

    /**
     * Whether security is on for {@code setting} ({@code auto}, {@code true}, {@code false}) and the HTTP bind
     * address {@code host} (empty: every interface).
     *
     * @throws ConfigurationException for another setting
     */
    public static boolean enabled(String setting, Optional<String> host) {
        return switch (setting.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            case "auto" -> !host.map(SecuritySettings::isLoopback).orElse(false);
            default -> throw new ConfigurationException(PREFIX + ".enabled must be auto, true or false, not '" + setting + "'");
        };
    }

    /** Whether {@code host} names only loopback addresses; a name that does not resolve is not loopback. */
    static boolean isLoopback(String host) {
        String h = host.strip();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            InetAddress[] addresses = InetAddress.getAllByName(h);
            return addresses.length > 0 && Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException | SecurityException e) {
            return false;
        }
    }

    private static String why(String setting, Optional<String> host) {
        if (!setting.strip().equalsIgnoreCase("auto")) {
            return PREFIX + ".enabled is " + setting.strip();
        }
        return host.map(h -> "micronaut.server.host " + h + (isLoopback(h) ? " is loopback" : " is not a loopback address"))
                .orElse("micronaut.server.host is unset: every interface");
    }

    /** The tokens of a tokens file. */
    static List<Token> readFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException(PREFIX + ".tokens-file: " + file + " cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
        List<Token> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (content.isEmpty()) {
                continue;
            }
            String origin = file + ":" + (i + 1);
            String[] fields = content.split("\\s+");
            if (fields.length != 3) {
                // never echo the line: it may hold a secret pasted by mistake
                throw new ConfigurationException(origin + ": expected '" + LINE_FORMAT + "', found " + fields.length
                        + " field(s)");
            }
            out.add(token(fields[0], Arrays.asList(fields[1].split(",")), fields[2], origin));
        }
        return out;
    }

    /** The tokens under {@code flotilla-server.security.tokens.<name>}. */
    static List<Token> fromConfiguration(Environment environment) {
        String prefix = PREFIX + ".tokens";
        Map<String, Object> raw = environment.getProperties(prefix, StringConvention.RAW);
        Set<String> names = new TreeSet<>();
        raw.keySet().forEach(key -> names.add(key.split("[.\\[]", 2)[0]));
        List<Token> out = new ArrayList<>();
        for (String name : names) {
            String key = prefix + "." + name;
            Map<String, Object> entry = new LinkedHashMap<>();
            raw.forEach((k, v) -> {
                if (k.startsWith(name + ".")) {
                    entry.put(k.substring(name.length() + 1), v);
                }
            });
            for (String field : entry.keySet()) {
                String base = field.split("\\[", 2)[0];
                if (!base.equals("hash") && !base.equals("roles")) {
                    throw new ConfigurationException(key + "." + field + " is not a token setting (hash, roles)");
                }
            }
            String hash = environment.getProperty(key + ".hash", String.class)
                    .orElseThrow(() -> new ConfigurationException(key + ".hash is missing (the SHA-256 hex of the token)"));
            List<String> roles = environment.getProperty(key + ".roles", Object.class).map(SecuritySettings::roleList)
                    .orElseThrow(() -> new ConfigurationException(key + ".roles is missing (reader, writer, admin, metrics)"));
            out.add(token(name, roles, hash, key));
        }
        return out;
    }

    private static List<String> roleList(Object value) {
        if (value instanceof Iterable<?> list) {
            List<String> out = new ArrayList<>();
            list.forEach(v -> out.addAll(Arrays.asList(String.valueOf(v).split(","))));
            return out;
        }
        return Arrays.asList(String.valueOf(value).split(","));
    }

    private static Token token(String name, List<String> roleIds, String hash, String origin) {
        if (!name.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new ConfigurationException(origin + ": token name '" + name + "' must be 1-64 letters, digits, '_', '.' or '-'");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String id : roleIds) {
            String role = id.strip();
            if (role.isEmpty()) {
                continue;
            }
            roles.add(Role.of(role).orElseThrow(() -> new ConfigurationException(origin + ": token '" + name
                    + "' has unknown role '" + role + "' (reader, writer, admin, metrics)")));
        }
        if (roles.isEmpty()) {
            throw new ConfigurationException(origin + ": token '" + name + "' has no role (reader, writer, admin, metrics)");
        }
        if (!TokenHash.isHash(hash)) {
            throw new ConfigurationException(origin + ": token '" + name + "' needs the SHA-256 of the token as 64 hex"
                    + " digits, not the token itself (bin/flotilla token prints both)");
        }
        return new Token(name, Set.copyOf(roles), HexFormat.of().parseHex(hash.toLowerCase(Locale.ROOT)), origin);
    }
}

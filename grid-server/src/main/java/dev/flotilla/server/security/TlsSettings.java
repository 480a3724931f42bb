package dev.flotilla.server.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks the node's HTTPS key material before the server binds, so a missing file or a wrong password fails
 * startup with one line (exit 78) naming the key and the file, instead of Netty's "Unable to start Micronaut
 * server" with a closed channel. The material itself is Micronaut's ({@code micronaut.server.ssl.*}): a key store
 * ({@code key-store.path}, {@code .type} PKCS12 or JKS, {@code .password}) or PEM files
 * ({@code key-store.key-path}: the private key, PKCS#8; {@code key-store.certificate-path}: the certificate chain,
 * the node's first). Only {@code file:} paths and plain paths are checked; {@code classpath:} and inline
 * resources are left to Micronaut.
 */
@Context
@Requires(property = "micronaut.server.ssl.enabled", value = "true")
public final class TlsSettings {
    private static final String PREFIX = "micronaut.server.ssl.key-store";

    public TlsSettings(Environment environment) {
        Optional<String> store = property(environment, PREFIX + ".path");
        Optional<String> key = property(environment, PREFIX + ".key-path");
        Optional<String> chain = property(environment, PREFIX + ".certificate-path");
        if (store.isEmpty() && (key.isEmpty() || chain.isEmpty())) {
            throw new ConfigurationException("micronaut.server.ssl.enabled is true but no key is given: set " + PREFIX
                    + ".path (PKCS12 or JKS, with .type and .password) or both " + PREFIX + ".key-path and " + PREFIX
                    + ".certificate-path (PEM)");
        }
        if (store.isPresent()) {
            Optional<Path> file = readable(PREFIX + ".path", store.get());
            String type = property(environment, PREFIX + ".type").orElse("PKCS12");
            if (file.isPresent() && !type.equalsIgnoreCase("PEM")) {
                load(file.get(), type, property(environment, PREFIX + ".password").orElse(""));
            }
        } else {
            readable(PREFIX + ".key-path", key.get());
            readable(PREFIX + ".certificate-path", chain.get());
        }
    }

    private static Optional<String> property(Environment environment, String name) {
        return environment.getProperty(name, String.class).filter(v -> !v.isBlank());
    }

    /** The local file {@code location} names, checked readable; empty for classpath and inline resources. */
    private static Optional<Path> readable(String key, String location) {
        String lower = location.toLowerCase(Locale.ROOT);
        if (lower.startsWith("classpath:") || lower.startsWith("string:") || lower.startsWith("base64:")) {
            return Optional.empty();
        }
        Path file = Path.of(lower.startsWith("file:") ? location.substring("file:".length()) : location);
        if (!Files.isReadable(file) || Files.isDirectory(file)) {
            throw new ConfigurationException(key + ": " + file + " is not a readable file");
        }
        return Optional.of(file);
    }

    private static void load(Path file, String type, String password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore.getInstance(type.toUpperCase(Locale.ROOT)).load(in, password.toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigurationException(PREFIX + ".path: " + file + " cannot be opened as a " + type
                    + " key store with " + PREFIX + ".password (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }
}

package dev.flotilla.server.config;

import dev.flotilla.grid.InvalidConfigException;

/**
 * grid-core rejected a node setting; the message is one line with where it was set (a file, an environment
 * variable, a system property), the key, the value and the rule.
 */
public final class InvalidNodeConfigException extends RuntimeException {
    InvalidNodeConfigException(String message, InvalidConfigException cause) {
        super(message, cause);
    }
}

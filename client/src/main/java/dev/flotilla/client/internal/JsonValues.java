package dev.flotilla.client.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.client.RawJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/** Values to JSON text and answers to records, with the client's mapper. */
final class JsonValues {
    private final ObjectMapper mapper;

    JsonValues(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /** A value as JSON text: {@link RawJson} as it is, anything else written by the mapper. */
    String encode(Object value) {
        Objects.requireNonNull(value, "value (use a JSON null node to store null)");
        if (value instanceof RawJson raw) {
            return raw.json();
        }
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A value as a tree, for wire records that carry documents. */
    JsonNode tree(Object value) {
        if (value instanceof JsonNode node) {
            return node;
        }
        try {
            return mapper.readTree(encode(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not one well-formed JSON document: " + e.getOriginalMessage(), e);
        }
    }

    JsonNode readTree(byte[] body) {
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("the node answered a body that is not JSON", e);
        }
    }

    <T> T read(byte[] body, Class<T> type) {
        try {
            return mapper.readValue(body, type);
        } catch (IOException e) {
            throw new UncheckedIOException("the node answered a body that is not a " + type.getSimpleName(), e);
        }
    }
}

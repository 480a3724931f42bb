package dev.flotilla.server.map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.flotilla.client.protocol.ErrorCode;
import dev.flotilla.client.protocol.Preconditions;
import dev.flotilla.grid.GridException;
import dev.flotilla.grid.map.EntryNames;
import dev.flotilla.grid.map.Versioned;
import dev.flotilla.server.json.StreamedBodies;
import dev.flotilla.server.problem.ProblemException;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes batch bodies by streaming, without building trees: each document to write is cut out of the
 * request text as it is, and each stored document is written into the response as it is.
 */
final class BatchCodec {
    /** A parsed batch request: distinct keys to read, documents (JSON text) to write. */
    record Batch(List<String> get, Map<String, String> put) {
    }

    private BatchCodec() {
    }

    /** Parses and checks a batch request body; problems are definite 400s. */
    static Batch parse(String body) {
        if (body == null || body.isBlank()) {
            throw new ProblemException(ErrorCode.INVALID_REQUEST, "the batch body is empty; send {\"get\":[...],\"put\":{...}}");
        }
        Set<String> get = new LinkedHashSet<>();
        Map<String, String> put = new LinkedHashMap<>();
        StreamedBodies.readObject(body, "the batch body must be a JSON object {\"get\":[...],\"put\":{...}}",
                BatchCodec::shape, (parser, field, value) -> {
                    switch (field) {
                        case "get" -> readGets(parser, value, get);
                        case "put" -> readPuts(parser, value, body, put);
                        default -> throw shape("unknown field '" + StreamedBodies.printable(field) + "'; a batch has only 'get' and 'put'");
                    }
                });
        int total = get.size() + put.size();
        if (total == 0) {
            throw shape("the batch names no key; give at least one key in 'get' or 'put'");
        }
        if (total > Preconditions.MAX_BATCH_KEYS) {
            throw shape("the batch names " + total + " keys; the limit is " + Preconditions.MAX_BATCH_KEYS);
        }
        return new Batch(List.copyOf(get), put);
    }

    private static void readGets(JsonParser parser, JsonToken value, Set<String> get) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return;
        }
        if (value != JsonToken.START_ARRAY) {
            throw shape("'get' must be an array of keys");
        }
        int index = 0;
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken(), index++) {
            if (t != JsonToken.VALUE_STRING) {
                throw shape("get[" + index + "] must be a string key");
            }
            get.add(key("get[" + index + "]", parser.getText()));
            if (get.size() > Preconditions.MAX_BATCH_KEYS) {
                throw shape("'get' names more than " + Preconditions.MAX_BATCH_KEYS + " keys");
            }
        }
    }

    private static void readPuts(JsonParser parser, JsonToken value, String body, Map<String, String> put) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return;
        }
        if (value != JsonToken.START_OBJECT) {
            throw shape("'put' must be an object of documents by key");
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = key("put key", parser.currentName());
            if (put.put(key, StreamedBodies.rawValue(parser, parser.nextToken(), body)) != null) {
                throw shape("put names key '" + StreamedBodies.printable(key) + "' twice");
            }
            if (put.size() > Preconditions.MAX_BATCH_KEYS) {
                throw shape("'put' names more than " + Preconditions.MAX_BATCH_KEYS + " keys");
            }
        }
    }

    private static String key(String where, String key) {
        try {
            return EntryNames.requireKey(key);
        } catch (GridException e) {
            throw new ProblemException(ErrorCode.INVALID_KEY, where + ": " + e.getMessage());
        }
    }

    /** {@code {"entries":{k:{"version":v,"value":<doc>}},"missing":[...],"versions":{k:v}}}; documents written as stored. */
    static String write(Collection<String> asked, Map<String, Versioned> found, Map<String, Long> versions) {
        StringWriter text = new StringWriter(256);
        try (JsonGenerator out = StreamedBodies.JSON.createGenerator(text)) {
            out.writeStartObject();
            out.writeObjectFieldStart("entries");
            List<String> missing = new ArrayList<>();
            for (String key : asked) {
                Versioned entry = found.get(key);
                if (entry == null) {
                    missing.add(key);
                    continue;
                }
                out.writeObjectFieldStart(key);
                out.writeNumberField("version", entry.version());
                out.writeFieldName("value");
                out.writeRawValue(entry.json());
                out.writeEndObject();
            }
            out.writeEndObject();
            out.writeArrayFieldStart("missing");
            for (String key : missing) {
                out.writeString(key);
            }
            out.writeEndArray();
            out.writeObjectFieldStart("versions");
            for (Map.Entry<String, Long> written : versions.entrySet()) {
                out.writeNumberField(written.getKey(), written.getValue());
            }
            out.writeEndObject();
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static ProblemException shape(String detail) {
        return new ProblemException(ErrorCode.INVALID_REQUEST, detail);
    }
}

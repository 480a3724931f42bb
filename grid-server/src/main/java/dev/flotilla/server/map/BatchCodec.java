package dev.flotilla.server.map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.flotilla.client.protocol.ErrorCode;
import dev.flotilla.client.protocol.Preconditions;
import dev.flotilla.grid.GridException;
import dev.flotilla.grid.map.EntryNames;
import dev.flotilla.grid.map.Versioned;
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
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(256).build())
            .build();

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
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw shape("the batch body must be a JSON object {\"get\":[...],\"put\":{...}}");
            }
            Set<String> seenFields = new LinkedHashSet<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                if (!seenFields.add(field)) {
                    throw shape("field '" + field + "' appears twice");
                }
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "get" -> readGets(parser, value, get);
                    case "put" -> readPuts(parser, value, body, put);
                    default -> throw shape("unknown field '" + printable(field) + "'; a batch has only 'get' and 'put'");
                }
            }
            if (parser.nextToken() != null) {
                throw new ProblemException(ErrorCode.MALFORMED_JSON, "the request body has text after the end of the JSON object");
            }
        } catch (JsonParseException e) {
            throw new ProblemException(ErrorCode.MALFORMED_JSON, "the request body is not well-formed JSON: "
                    + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw new ProblemException(ErrorCode.MALFORMED_JSON, "the request body could not be read as JSON");
        }
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
            JsonToken token = parser.nextToken();
            int start = (int) parser.currentTokenLocation().getCharOffset();
            if (token.isStructStart()) {
                parser.skipChildren();
            } else {
                parser.finishToken(); // strings are read lazily: consume the whole token before taking the offset
            }
            int end = (int) parser.currentLocation().getCharOffset();
            if (put.put(key, body.substring(start, end)) != null) {
                throw shape("put names key '" + printable(key) + "' twice");
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
        try (JsonGenerator out = JSON.createGenerator(text)) {
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

    private static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}

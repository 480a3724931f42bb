package dev.flotilla.grid.lab.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes histories as JSON Lines, one event per line (DESIGN.md section 6).
 *
 * <p>A line is {@code {"index":0,"time":123,"process":3,"type":"invoke","f":"write","key":"k1","value":5}}.
 * {@code index}, {@code process}, {@code type} and {@code f} are required; {@code time} defaults to 0;
 * {@code key} and {@code value} may be absent; other fields are ignored. Blank lines are skipped.
 * Both directions stream: neither holds the text of the whole file in memory.
 */
public final class HistoryFile {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private HistoryFile() {
    }

    /** Reads and validates a history file; throws {@link HistoryFormatException} naming the first bad line. */
    public static History read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader);
        }
    }

    /** Reads and validates a history from JSON Lines text; throws {@link HistoryFormatException} naming the first bad line. */
    public static History read(Reader reader) throws IOException {
        BufferedReader lines = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        OperationPairing pairing = new OperationPairing();
        long lineNumber = 0;
        String line;
        while ((line = lines.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            pairing.accept(parseLine(line, lineNumber), lineNumber);
        }
        return pairing.toHistory();
    }

    /** Writes events as JSON Lines to a file, replacing it. */
    public static void write(Path file, Iterable<Event> events) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(writer, events);
        }
    }

    /** Writes events as JSON Lines, one per line, in iteration order; does not close the writer. */
    public static void write(Writer writer, Iterable<Event> events) throws IOException {
        Writer out = writer instanceof BufferedWriter ? writer : new BufferedWriter(writer);
        for (Event event : events) {
            out.write(toLine(event));
            out.write('\n');
        }
        out.flush();
    }

    /** Returns one event as a single JSON line, without the trailing newline. */
    public static String toLine(Event event) {
        try (var text = new java.io.StringWriter(); JsonGenerator json = FACTORY.createGenerator(text)) {
            json.writeStartObject();
            json.writeNumberField("index", event.index());
            json.writeNumberField("time", event.time());
            json.writeNumberField("process", event.process());
            json.writeStringField("type", event.type().jsonName());
            json.writeStringField("f", event.f());
            if (event.key() != null) {
                json.writeStringField("key", event.key());
            }
            json.writeFieldName("value");
            MAPPER.writeTree(json, event.value());
            json.writeEndObject();
            json.flush();
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Event parseLine(String line, long lineNumber) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new HistoryFormatException(lineNumber, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new HistoryFormatException(lineNumber, "expected a JSON object, got: " + abbreviate(line));
        }
        long index = requiredLong(node, "index", lineNumber);
        long time = node.has("time") ? requiredLong(node, "time", lineNumber) : 0;
        long process = requiredLong(node, "process", lineNumber);
        if (process < Integer.MIN_VALUE || process > Integer.MAX_VALUE) {
            throw new HistoryFormatException(lineNumber, "process " + process + " does not fit in an int");
        }
        EventType type;
        try {
            type = EventType.fromJsonName(requiredText(node, "type", lineNumber));
        } catch (IllegalArgumentException e) {
            throw new HistoryFormatException(lineNumber, e.getMessage(), e);
        }
        String f = requiredText(node, "f", lineNumber);
        JsonNode keyNode = node.get("key");
        String key = null;
        if (keyNode != null && !keyNode.isNull()) {
            if (!keyNode.isTextual()) {
                throw new HistoryFormatException(lineNumber, "\"key\" must be a string, got " + keyNode);
            }
            key = keyNode.textValue();
        }
        if (index < 0) {
            throw new HistoryFormatException(lineNumber, "\"index\" must be >= 0, got " + index);
        }
        return new Event(index, time, (int) process, type, f, key, node.get("value"));
    }

    private static long requiredLong(JsonNode node, String field, long lineNumber) {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new HistoryFormatException(lineNumber, "missing \"" + field + "\"");
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new HistoryFormatException(lineNumber, "\"" + field + "\" must be an integer, got " + value);
        }
        return value.longValue();
    }

    private static String requiredText(JsonNode node, String field, long lineNumber) {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new HistoryFormatException(lineNumber, "missing \"" + field + "\"");
        }
        if (!value.isTextual()) {
            throw new HistoryFormatException(lineNumber, "\"" + field + "\" must be a string, got " + value);
        }
        return value.textValue();
    }

    private static String abbreviate(String line) {
        return line.length() <= 80 ? line : line.substring(0, 77) + "...";
    }
}

package dev.flotilla.lab.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;

/**
 * Reads and writes histories as JSON Lines, one event per line (DESIGN.md section 6).
 *
 * <p>A line is {@code {"index":0,"time":123,"process":3,"type":"invoke","f":"write","key":"k1","value":5}}.
 * {@code index}, {@code process}, {@code type} and {@code f} are required; {@code time} defaults to 0;
 * {@code key} and {@code value} may be absent; a fail or info completion may carry {@code "error"}, the code the
 * system answered with (e.g. {@code "no-quorum"}); other fields are ignored. Blank lines are skipped, and so are
 * {@link NemesisEvent} lines ({@code "process":"nemesis"}): fault windows written for people and tools, not
 * operations. Both directions stream: neither holds the text of the whole file in memory.
 */
public final class HistoryFile {

    /** The {@code process} of a nemesis line. */
    public static final String NEMESIS = "nemesis";
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
        // Lines are parsed in chunks on the common pool while this thread reads ahead and pairs the chunks in
        // file order, so the first bad line is still the one reported; a few chunks in flight bound the memory.
        ArrayDeque<CompletableFuture<ParsedChunk>> inFlight = new ArrayDeque<>();
        int window = Math.max(2, ForkJoinPool.getCommonPoolParallelism() + 1);
        long lineNumber = 0;
        boolean more = true;
        while (more || !inFlight.isEmpty()) {
            while (more && inFlight.size() < window) {
                List<String> chunk = new ArrayList<>(CHUNK_LINES);
                long firstLine = lineNumber + 1;
                String line;
                while (chunk.size() < CHUNK_LINES && (line = lines.readLine()) != null) {
                    chunk.add(line);
                }
                lineNumber += chunk.size();
                more = chunk.size() == CHUNK_LINES;
                inFlight.add(CompletableFuture.supplyAsync(() -> ParsedChunk.parse(chunk, firstLine)));
            }
            ParsedChunk parsed;
            try {
                parsed = inFlight.poll().join();
            } catch (CompletionException e) { // an error, out of memory say, is the caller's, as if read here
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e.getCause() instanceof RuntimeException failure ? failure : e;
            }
            for (int i = 0; i < parsed.events.length; i++) {
                if (parsed.events[i] != null) {
                    pairing.accept(parsed.events[i], parsed.firstLine + i);
                }
            }
            if (parsed.failure != null) {
                inFlight.forEach(future -> future.cancel(false));
                throw parsed.failure;
            }
        }
        return pairing.toHistory();
    }

    private static final int CHUNK_LINES = 8192;

    /**
     * The events of consecutive lines (null for blank and nemesis lines), up to the first bad line, whose error is
     * kept to be thrown once the lines before it are paired.
     */
    private record ParsedChunk(Event[] events, long firstLine, RuntimeException failure) {
        static ParsedChunk parse(List<String> lines, long firstLine) {
            Map<String, String> names = new HashMap<>();
            Event[] events = new Event[lines.size()];
            for (int i = 0; i < events.length; i++) {
                String line = lines.get(i);
                try {
                    events[i] = line.isBlank() ? null : parseLine(line, firstLine + i, names);
                } catch (HistoryFormatException | UncheckedIOException e) {
                    return new ParsedChunk(Arrays.copyOf(events, i), firstLine, e);
                }
            }
            return new ParsedChunk(events, firstLine, null);
        }
    }

    /** Writes events as JSON Lines to a file, replacing it. */
    public static void write(Path file, Iterable<Event> events) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(writer, events);
        }
    }

    /** Writes events as JSON Lines, one per line, in iteration order; does not close the writer. */
    public static void write(Writer writer, Iterable<Event> events) throws IOException {
        write(writer, events, List.of());
    }

    /** Writes events and, each before the first event later than it, the nemesis lines (sorted by time). */
    public static void write(Path file, Iterable<Event> events, List<NemesisEvent> nemesis) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(writer, events, nemesis);
        }
    }

    /** {@link #write(Path, Iterable, List)} to a writer; does not close it. */
    public static void write(Writer writer, Iterable<Event> events, List<NemesisEvent> nemesis) throws IOException {
        Writer out = writer instanceof BufferedWriter ? writer : new BufferedWriter(writer);
        List<NemesisEvent> faults = nemesis.stream().sorted(Comparator.comparingLong(NemesisEvent::time)).toList();
        int next = 0;
        for (Event event : events) {
            while (next < faults.size() && faults.get(next).time() <= event.time()) {
                out.write(toLine(faults.get(next++)));
                out.write('\n');
            }
            out.write(toLine(event));
            out.write('\n');
        }
        while (next < faults.size()) {
            out.write(toLine(faults.get(next++)));
            out.write('\n');
        }
        out.flush();
    }

    /** Returns one nemesis line, without the trailing newline. */
    public static String toLine(NemesisEvent event) {
        try (var text = new java.io.StringWriter(); JsonGenerator json = FACTORY.createGenerator(text)) {
            json.writeStartObject();
            json.writeNumberField("time", event.time());
            json.writeStringField("process", NEMESIS);
            json.writeStringField("type", EventType.INFO.jsonName());
            json.writeStringField("f", event.f());
            json.writeObjectFieldStart("value");
            json.writeStringField("phase", event.phase());
            json.writeArrayFieldStart("nodes");
            for (String node : event.nodes()) {
                json.writeString(node);
            }
            json.writeEndArray();
            json.writeStringField("detail", event.detail());
            json.writeEndObject();
            json.writeEndObject();
            json.flush();
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
            if (event.error() != null) {
                json.writeStringField("error", event.error());
            }
            json.writeEndObject();
            json.flush();
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // Streams the envelope fields and builds a tree only for "value": several times faster than
    // a tree per line, which matters for histories of a few hundred thousand events. Null for a nemesis line.
    static Event parseLine(String line, long lineNumber) {
        return parseLine(line, lineNumber, new HashMap<>());
    }

    /** Parses one line; {@code names} shares the strings of repeated {@code f}s and keys between lines. */
    private static Event parseLine(String line, long lineNumber, Map<String, String> names) {
        Long index = null;
        Long time = null;
        Long process = null;
        String type = null;
        String f = null;
        String key = null;
        JsonNode value = null;
        String error = null;
        try (JsonParser json = FACTORY.createParser(line)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new HistoryFormatException(lineNumber, "expected a JSON object, got: " + abbreviate(line));
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken token = json.nextToken();
                switch (field) {
                    case "index" -> index = integer(json, token, field, lineNumber);
                    case "time" -> time = integer(json, token, field, lineNumber);
                    case "process" -> {
                        if (token == JsonToken.VALUE_STRING && NEMESIS.equals(json.getText())) {
                            return null;
                        }
                        process = integer(json, token, field, lineNumber);
                    }
                    case "type" -> type = text(json, token, field, lineNumber);
                    case "f" -> f = names.computeIfAbsent(text(json, token, field, lineNumber), name -> name);
                    case "key" -> key = token == JsonToken.VALUE_NULL ? null
                            : names.computeIfAbsent(text(json, token, field, lineNumber), name -> name);
                    case "value" -> value = tree(json, token);
                    // Another tool's error may be any JSON value (Jepsen's often is a map): kept as its JSON text.
                    case "error" -> error = token == JsonToken.VALUE_NULL ? null
                            : token == JsonToken.VALUE_STRING ? json.getText() : MAPPER.readTree(json).toString();
                    default -> json.skipChildren();
                }
            }
            if (json.nextToken() != null) {
                throw new HistoryFormatException(lineNumber, "more than one JSON value on the line");
            }
        } catch (JsonProcessingException e) {
            throw new HistoryFormatException(lineNumber, "not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        require(index, "index", lineNumber);
        require(process, "process", lineNumber);
        require(type, "type", lineNumber);
        require(f, "f", lineNumber);
        if (process < Integer.MIN_VALUE || process > Integer.MAX_VALUE) {
            throw new HistoryFormatException(lineNumber, "process " + process + " does not fit in an int");
        }
        if (index < 0) {
            throw new HistoryFormatException(lineNumber, "\"index\" must be >= 0, got " + index);
        }
        EventType eventType;
        try {
            eventType = EventType.fromJsonName(type);
        } catch (IllegalArgumentException e) {
            throw new HistoryFormatException(lineNumber, e.getMessage(), e);
        }
        return new Event(index, time == null ? 0 : time, process.intValue(), eventType, f, key, value, error);
    }

    /**
     * The JSON value at the current token, as {@code ObjectMapper.readTree} builds it (ints, longs and big integers,
     * doubles, the last of repeated object fields) without its per-call set-up: values are most of a history.
     */
    private static JsonNode tree(JsonParser json, JsonToken token) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (token) {
            case VALUE_NULL -> NullNode.getInstance();
            case VALUE_TRUE -> BooleanNode.TRUE;
            case VALUE_FALSE -> BooleanNode.FALSE;
            case VALUE_STRING -> TextNode.valueOf(json.getText());
            case VALUE_NUMBER_INT -> switch (json.getNumberType()) {
                case INT -> IntNode.valueOf(json.getIntValue());
                case LONG -> LongNode.valueOf(json.getLongValue());
                default -> nodes.numberNode(json.getBigIntegerValue());
            };
            case START_ARRAY -> {
                ArrayNode array = nodes.arrayNode();
                for (JsonToken next = json.nextToken(); next != JsonToken.END_ARRAY; next = json.nextToken()) {
                    array.add(tree(json, next));
                }
                yield array;
            }
            case START_OBJECT -> {
                ObjectNode object = nodes.objectNode();
                for (JsonToken next = json.nextToken(); next == JsonToken.FIELD_NAME; next = json.nextToken()) {
                    String name = json.currentName();
                    object.set(name, tree(json, json.nextToken()));
                }
                yield object;
            }
            default -> MAPPER.readTree(json); // floats and the rare rest, exactly as the mapper reads them
        };
    }

    private static long integer(JsonParser json, JsonToken token, String field, long lineNumber) throws IOException {
        if (token != JsonToken.VALUE_NUMBER_INT || json.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new HistoryFormatException(lineNumber, "\"" + field + "\" must be an integer, got "
                    + MAPPER.readTree(json));
        }
        return json.getLongValue();
    }

    private static String text(JsonParser json, JsonToken token, String field, long lineNumber) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            throw new HistoryFormatException(lineNumber, "\"" + field + "\" must be a string, got "
                    + MAPPER.readTree(json));
        }
        return json.getText();
    }

    private static void require(Object value, String field, long lineNumber) {
        if (value == null) {
            throw new HistoryFormatException(lineNumber, "missing \"" + field + "\"");
        }
    }

    private static String abbreviate(String line) {
        return line.length() <= 80 ? line : line.substring(0, 77) + "...";
    }
}

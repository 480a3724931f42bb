package dev.flotilla.server.tx;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.flotilla.client.protocol.ErrorCode;
import dev.flotilla.client.protocol.TransactionRequest;
import dev.flotilla.grid.map.TxOperation;
import dev.flotilla.grid.map.TxResult;
import dev.flotilla.server.json.StreamedBodies;
import dev.flotilla.server.problem.ProblemException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code POST /tx} bodies and writes their answers by streaming, without trees: each document to write is cut
 * out of the request text as it is, and each document read is written into the answer as stored.
 *
 * <p>The shape is checked here ({@code 400 malformed-json} / {@code invalid-request}); names, documents, versions
 * and the mode are checked by grid-core before its transaction begins.
 */
final class TransactionCodec {
    static final String EXAMPLE = "{\"mode\":\"tx-two-phase\",\"operations\":[{\"op\":\"put\",\"map\":\"m\","
            + "\"key\":\"k\",\"value\":{\"a\":1},\"ifVersion\":0}]}";

    /** A parsed request: the mode id as sent and the operations. */
    record Parsed(String mode, List<TxOperation> operations) {
    }

    /** The fields of a request or of one operation, as read so far. */
    private static final class Fields {
        String mode;
        List<TxOperation> operations;
        String op;
        String map;
        String key;
        String document;
        long ifVersion = TxOperation.ANY_VERSION;
    }

    private TransactionCodec() {
    }

    /** Parses a request body; shape problems are definite 400s. */
    static Parsed parse(String body) {
        if (body == null || body.isBlank()) {
            throw shape("the body is empty");
        }
        Fields request = new Fields();
        StreamedBodies.readObject(body, "the body must be a JSON object", TransactionCodec::shape, (parser, field, value) -> {
            switch (field) {
                case "mode" -> request.mode = string(parser, value, "'mode'");
                case "operations" -> request.operations = readOperations(parser, value, body);
                default -> throw shape("unknown field '" + StreamedBodies.printable(field) + "'");
            }
        });
        if (request.mode == null) {
            throw shape("'mode' is required (" + TransactionRequest.TX_ONE_PHASE + " or " + TransactionRequest.TX_TWO_PHASE + ")");
        }
        if (request.operations == null || request.operations.isEmpty()) {
            throw shape("'operations' must hold at least one operation");
        }
        return new Parsed(request.mode, request.operations);
    }

    private static List<TxOperation> readOperations(JsonParser parser, JsonToken value, String body) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            throw shape("'operations' must be an array");
        }
        List<TxOperation> operations = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            if (operations.size() == TransactionRequest.MAX_OPERATIONS) {
                throw shape("'operations' holds more than " + TransactionRequest.MAX_OPERATIONS + " operations");
            }
            operations.add(readOperation(parser, t, body, "operations[" + operations.size() + "]"));
        }
        return operations;
    }

    private static TxOperation readOperation(JsonParser parser, JsonToken start, String body, String where) throws IOException {
        if (start != JsonToken.START_OBJECT) {
            throw shape(where + " must be an object");
        }
        Fields o = new Fields();
        StreamedBodies.readFields(parser, where + ": ", TransactionCodec::shape, (p, field, token) -> {
            switch (field) {
                case "op" -> o.op = string(p, token, where + ".op");
                case "map" -> o.map = string(p, token, where + ".map");
                case "key" -> o.key = string(p, token, where + ".key");
                case "value" -> o.document = token == JsonToken.VALUE_NULL ? null : StreamedBodies.rawValue(p, token, body);
                case "ifVersion" -> o.ifVersion = version(p, token, where);
                default -> throw shape(where + ": unknown field '" + StreamedBodies.printable(field)
                        + "'; an operation has op, map, key, value and ifVersion");
            }
        });
        if (o.op == null || o.map == null || o.key == null) {
            throw shape(where + " needs 'op', 'map' and 'key'");
        }
        TxOperation.Kind kind = switch (o.op) {
            case "get" -> TxOperation.Kind.GET;
            case "put" -> TxOperation.Kind.PUT;
            case "delete" -> TxOperation.Kind.DELETE;
            case "append" -> TxOperation.Kind.APPEND;
            default -> throw shape(where + ": unknown op '" + StreamedBodies.printable(o.op)
                    + "'; ops are get, put, append and delete");
        };
        if ((kind == TxOperation.Kind.PUT || kind == TxOperation.Kind.APPEND) && o.document == null) {
            throw shape(where + ": " + (kind == TxOperation.Kind.PUT ? "a put" : "an append") + " needs 'value'");
        }
        return new TxOperation(kind, o.map, o.key, o.document, o.ifVersion);
    }

    private static long version(JsonParser parser, JsonToken token, String where) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return TxOperation.ANY_VERSION;
        }
        if (token != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() != JsonParser.NumberType.INT
                && parser.getNumberType() != JsonParser.NumberType.LONG || parser.getLongValue() < 0) {
            throw shape(where + ".ifVersion must be 0 (absent) or a positive version");
        }
        return parser.getLongValue();
    }

    private static String string(JsonParser parser, JsonToken token, String where) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            throw shape(where + " must be a string");
        }
        return parser.getText();
    }

    /** {@code {"mode":..,"results":[{"op","map","key","version","value"?}]}}; documents written as stored. */
    static byte[] write(String mode, List<TxResult> results) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 64 * results.size());
        try (JsonGenerator out = StreamedBodies.JSON.createGenerator(bytes)) {
            out.writeStartObject();
            out.writeStringField("mode", mode);
            out.writeArrayFieldStart("results");
            for (TxResult result : results) {
                out.writeStartObject();
                out.writeStringField("op", result.kind().id());
                out.writeStringField("map", result.map());
                out.writeStringField("key", result.key());
                out.writeNumberField("version", result.version());
                if (result.json() != null) {
                    out.writeFieldName("value");
                    out.writeRawValue(result.json());
                }
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static ProblemException shape(String detail) {
        return new ProblemException(ErrorCode.INVALID_REQUEST, detail + "; send " + EXAMPLE);
    }
}

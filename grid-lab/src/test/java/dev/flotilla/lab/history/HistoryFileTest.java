package dev.flotilla.lab.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryFileTest {

    @TempDir
    Path dir;

    @Test
    void historyFile_writeThenRead_roundTripsEveryEvent() throws IOException {
        HistoryRecorder recorder = HistoryRecorder.start();
        recorder.invoke(0, "write", "k1", 3);
        recorder.invoke(1, "read", "k1", null);
        recorder.ok(0, 3);
        recorder.ok(1, 3);
        recorder.invoke(2, "cas", null, List.of(3, 4));
        recorder.info(2, null);
        recorder.invoke(3, "transfer", null, Map.of("from", "a", "to", "b", "amount", 5));
        recorder.fail(3, null);
        recorder.invoke(4, "add", "s", "x\"y");
        Path file = dir.resolve("h.jsonl");

        HistoryFile.write(file, recorder.events());
        History read = HistoryFile.read(file);

        assertThat(read.events()).isEqualTo(recorder.events());
        assertThat(read.operations()).isEqualTo(recorder.history().operations());
        assertThat(Files.readAllLines(file)).hasSize(9);
    }

    @Test
    void historyFile_nemesisLines_areWrittenInTimeOrderAndSkippedOnRead() throws IOException {
        List<Event> events = List.of(new Event(0, 100, 0, EventType.INVOKE, "add", null, null),
                new Event(1, 300, 0, EventType.OK, "add", null, null));
        List<NemesisEvent> faults = List.of(new NemesisEvent(400, "kill", "end", List.of("n2 127.0.0.3"), "3 -> 2"),
                new NemesisEvent(200, "kill", "start", List.of("n2 127.0.0.3"), "3 -> 2"));
        Path file = dir.resolve("h.jsonl");

        HistoryFile.write(file, events, faults);

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).isEqualTo("{\"time\":200,\"process\":\"nemesis\",\"type\":\"info\",\"f\":\"kill\","
                + "\"value\":{\"phase\":\"start\",\"nodes\":[\"n2 127.0.0.3\"],\"detail\":\"3 -> 2\"}}");
        assertThat(lines.get(3)).contains("\"phase\":\"end\"");
        assertThat(HistoryFile.read(file).events()).isEqualTo(events);
    }

    @Test
    void historyFile_errorCodeOfAFailOrInfo_isWrittenAndReadBack() throws IOException {
        HistoryRecorder recorder = HistoryRecorder.start();
        recorder.invoke(0, "add", "s", 1);
        recorder.fail(0, 1, "no-quorum");
        recorder.invoke(1, "add", "s", 2);
        recorder.info(1, 2, "timeout");
        recorder.invoke(2, "add", "s", 3);
        recorder.ok(2, 3);
        Path file = dir.resolve("h.jsonl");

        HistoryFile.write(file, recorder.events());

        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(1)).endsWith(",\"error\":\"no-quorum\"}");
        assertThat(lines.get(5)).doesNotContain("error");
        assertThat(HistoryFile.read(file).events()).isEqualTo(recorder.events())
                .extracting(Event::error).containsExactly(null, "no-quorum", null, "timeout", null, null);
    }

    @Test
    void historyFile_keyAbsent_isNullAndNotWritten() throws IOException {
        String text = "{\"index\":0,\"time\":5,\"process\":1,\"type\":\"invoke\",\"f\":\"read\",\"value\":null}\n";

        History history = HistoryFile.read(new StringReader(text));

        assertThat(history.events().get(0).key()).isNull();
        assertThat(HistoryFile.toLine(history.events().get(0))).isEqualTo(text.strip());
    }

    @Test
    void historyFile_operations_pairInvokesWithCompletionsInInvokeOrder() throws IOException {
        History history = read(
                "{\"index\":0,\"process\":1,\"type\":\"invoke\",\"f\":\"write\",\"value\":1}",
                "{\"index\":1,\"process\":2,\"type\":\"invoke\",\"f\":\"read\",\"value\":null}",
                "{\"index\":2,\"process\":2,\"type\":\"ok\",\"f\":\"read\",\"value\":1}",
                "{\"index\":3,\"process\":3,\"type\":\"invoke\",\"f\":\"write\",\"value\":2}",
                "{\"index\":4,\"process\":1,\"type\":\"ok\",\"f\":\"write\",\"value\":1}");

        List<Operation> ops = history.operations();

        assertThat(ops).extracting(Operation::invokeIndex).containsExactly(0L, 1L, 3L);
        assertThat(ops).extracting(Operation::completeIndex).containsExactly(4L, 2L, -1L);
        assertThat(ops).extracting(Operation::type).containsExactly(EventType.OK, EventType.OK, EventType.INFO);
        assertThat(ops.get(1).value().intValue()).isEqualTo(1);
        assertThat(ops.get(0).precedes(ops.get(2))).isFalse();
        assertThat(ops.get(1).precedes(ops.get(2))).isTrue();
    }

    @Test
    void historyFile_manyChunks_pairsAcrossChunkBordersAndNamesTheFirstBadLine() throws IOException {
        // The reader parses chunks of lines in parallel: an operation spans a chunk border, values of every JSON
        // kind round-trip, and of two bad lines far apart the earlier is reported, after the lines before it.
        StringBuilder text = new StringBuilder();
        int operations = 20_000;
        for (int i = 0; i < operations; i++) {
            text.append("{\"index\":").append(2 * i).append(",\"process\":7,\"type\":\"invoke\",\"f\":\"write\","
                    + "\"key\":\"k").append(i % 3).append("\",\"value\":[").append(i).append(",1.5,\"s\",true,null,{\"a\":")
                    .append(Long.MAX_VALUE).append("}]}\n");
            text.append("{\"index\":").append(2 * i + 1).append(",\"process\":7,\"type\":\"ok\",\"f\":\"write\"}\n");
        }
        History history = HistoryFile.read(new StringReader(text.toString()));

        assertThat(history.operations()).hasSize(operations);
        assertThat(history.operations().get(operations - 1).invokeValue().toString())
                .isEqualTo("[" + (operations - 1) + ",1.5,\"s\",true,null,{\"a\":" + Long.MAX_VALUE + "}]");

        String[] lines = text.toString().split("\n");
        lines[12_345] = "{\"index\":";
        lines[30_000] = "not json";
        assertThatThrownBy(() -> read(lines))
                .isInstanceOf(HistoryFormatException.class)
                .satisfies(e -> assertThat(((HistoryFormatException) e).line()).isEqualTo(12_346));
    }

    @Test
    void historyFile_malformedJson_failsWithLineNumber() {
        assertThatThrownBy(() -> read(
                "{\"index\":0,\"process\":1,\"type\":\"invoke\",\"f\":\"read\"}",
                "",
                "{\"index\":1,\"process\":1,\"type\":\"ok\",\"f\":\"read\",\"value\":"))
                .isInstanceOf(HistoryFormatException.class)
                .hasMessageStartingWith("line 3: not valid JSON")
                .satisfies(e -> assertThat(((HistoryFormatException) e).line()).isEqualTo(3));
    }

    @Test
    void historyFile_missingOrMistypedField_failsWithLineNumber() {
        assertThatThrownBy(() -> read("{\"index\":0,\"type\":\"invoke\",\"f\":\"read\"}"))
                .hasMessage("line 1: missing \"process\"");
        assertThatThrownBy(() -> read("{\"index\":\"0\",\"process\":1,\"type\":\"invoke\",\"f\":\"read\"}"))
                .hasMessage("line 1: \"index\" must be an integer, got \"0\"");
        assertThatThrownBy(() -> read("{\"index\":0,\"process\":1,\"type\":\"done\",\"f\":\"read\"}"))
                .hasMessageStartingWith("line 1: unknown event type \"done\"");
    }

    @Test
    void historyFile_twoValuesOnALineOrNonStringKey_isRejected() {
        assertThatThrownBy(() -> read("{\"index\":0,\"process\":1,\"type\":\"invoke\",\"f\":\"read\"} {}"))
                .hasMessage("line 1: more than one JSON value on the line");
        assertThatThrownBy(() -> read("{\"index\":0,\"process\":1,\"type\":\"invoke\",\"f\":\"read\",\"key\":7}"))
                .hasMessage("line 1: \"key\" must be a string, got 7");
        assertThatThrownBy(() -> read("[1,2]"))
                .hasMessage("line 1: expected a JSON object, got: [1,2]");
    }

    @Test
    void historyFile_unknownFieldsAndNestedValues_areIgnoredAndKept() throws IOException {
        History history = read("{\"index\":0,\"process\":1,\"type\":\"invoke\",\"f\":\"transfer\","
                + "\"error\":{\"why\":[1,2]},\"value\":{\"from\":\"a\",\"to\":\"b\",\"amount\":[3]}}");

        assertThat(history.events().get(0).value().toString()).isEqualTo("{\"from\":\"a\",\"to\":\"b\",\"amount\":[3]}");
        assertThat(history.events().get(0).time()).isZero();
    }

    @Test
    void historyFile_completionWithoutInvoke_isRejected() {
        assertThatThrownBy(() -> read(
                "{\"index\":0,\"process\":1,\"type\":\"invoke\",\"f\":\"read\"}",
                "{\"index\":1,\"process\":2,\"type\":\"ok\",\"f\":\"read\",\"value\":4}"))
                .isInstanceOf(HistoryFormatException.class)
                .hasMessage("line 2: ok read by process 2 has no matching invoke");
    }

    @Test
    void historyFile_operationAfterInfo_isRejected() {
        assertThatThrownBy(() -> read(
                "{\"index\":0,\"process\":1,\"type\":\"invoke\",\"f\":\"write\",\"value\":1}",
                "{\"index\":1,\"process\":1,\"type\":\"info\",\"f\":\"write\"}",
                "{\"index\":2,\"process\":1,\"type\":\"invoke\",\"f\":\"read\"}"))
                .isInstanceOf(HistoryFormatException.class)
                .hasMessageContaining("line 3: process 1 invoked read after its info at index 1");
    }

    @Test
    void historyFile_indexNotIncreasing_isRejected() {
        assertThatThrownBy(() -> read(
                "{\"index\":5,\"process\":1,\"type\":\"invoke\",\"f\":\"read\"}",
                "{\"index\":5,\"process\":1,\"type\":\"ok\",\"f\":\"read\"}"))
                .hasMessage("line 2: index 5 does not increase (previous index 5)");
    }

    @Test
    void historyOf_completionWithMismatchedF_namesEventIndex() {
        Event invoke = new Event(0, 0, 1, EventType.INVOKE, "read", null, null);
        Event ok = new Event(1, 0, 1, EventType.OK, "write", null, null);

        assertThatThrownBy(() -> History.of(List.of(invoke, ok)))
                .isInstanceOf(HistoryFormatException.class)
                .hasMessageStartingWith("event index 1: ok has f=write but process 1 invoked f=read");
    }

    private static History read(String... lines) throws IOException {
        return HistoryFile.read(new StringReader(String.join("\n", lines)));
    }
}

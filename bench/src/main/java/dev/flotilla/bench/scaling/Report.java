package dev.flotilla.bench.scaling;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything one run measured and derived: written as results.json (this record as it is) and rendered as
 * index.html by {@link ReportPage}.
 *
 * @param date         when the run started (UTC, ISO-8601)
 * @param quick        a smoke run: tiny windows, figures not to quote
 * @param machine      cores, JVM, load average at the start and the end
 * @param settings     the run's settings
 * @param cells        every measured cell, every round
 * @param medians      the median of each cell's rounds
 * @param hops         part (a)'s derived hop costs (empty when it did not run)
 * @param horizontal   part (c)'s extras: partitions without a backup per size, the slow node, the crash (null: not run)
 * @param join         part (d) (null: not run)
 * @param model        the model's inputs (null when part (a) did not run)
 * @param projection   the model's points, 1 to 32 machines
 * @param sharedMachine the model's points for n nodes sharing this machine with the load generator
 * @param notes        what the run had to say about itself (fallbacks, failures)
 */
record Report(String date, boolean quick, Map<String, Object> machine, Map<String, Object> settings, List<Cell> cells,
              List<Cell> medians, List<HopFigures> hops, Horizontal.Result horizontal, JoinUnderLoad.Result join,
              ScalingModel model, List<ScalingModel.Point> projection, List<ScalingModel.Point> sharedMachine,
              List<String> notes) {

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(dir.resolve("results.json"), json.writeValueAsString(this));
        Files.writeString(dir.resolve("index.html"), ReportPage.render(this));
    }

    /** Text for HTML: the five characters that matter, escaped. */
    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}

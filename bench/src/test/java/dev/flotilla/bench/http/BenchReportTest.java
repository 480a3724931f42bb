package dev.flotilla.bench.http;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BenchReportTest {
    private static WrkResult rate(double perSecond, double p99) {
        return new WrkResult(perSecond, 1, 2, p99, (long) perSecond * 10, 0, 0);
    }

    private static BenchReport report(List<RoundResult> rounds, String... cases) {
        BenchOptions options = BenchOptions.parse("--cases", String.join(",", cases), "--rounds", Integer.toString(rounds.size()));
        return new BenchReport(options, Instant.EPOCH, Instant.EPOCH, new Machine(2, "1.0", "java", "linux"), rounds);
    }

    @Test
    void ratiosAreTakenWithinEachRoundThenTheirMedian() {
        // the machine slows down by half in round 2: within-round ratios stay 0.5, ratios of medians would not
        List<RoundResult> rounds = List.of(
                new RoundResult(1, Map.of("ceiling-get", rate(40_000, 10), "flotilla-get", rate(20_000, 12))),
                new RoundResult(2, Map.of("ceiling-get", rate(20_000, 20), "flotilla-get", rate(10_000, 40))),
                new RoundResult(3, Map.of("ceiling-get", rate(30_000, 10), "flotilla-get", rate(15_000, 14))));

        BenchReport.Row flotilla = report(rounds, "flotilla-get").rows().stream()
                .filter(r -> r.benchCase().name().equals("flotilla-get")).findFirst().orElseThrow();

        assertThat(flotilla.ratio()).isEqualTo(0.5);
        assertThat(flotilla.rate()).isEqualTo(15_000);
        assertThat(flotilla.min()).isEqualTo(10_000);
        assertThat(flotilla.max()).isEqualTo(20_000);
        assertThat(flotilla.p99Ratio()).isEqualTo(1.4);
        assertThat(flotilla.verdict()).isEqualTo("missed: ratio below 0.8x");
    }

    @Test
    void batchesCompareKeysPerSecondWithSingleCalls() {
        List<RoundResult> rounds = List.of(new RoundResult(1, Map.of("ceiling-put", rate(30_000, 10),
                "flotilla-put", rate(20_000, 10), "flotilla-batch-put", rate(2_500, 50))));

        BenchReport.Row batch = report(rounds, "flotilla-batch-put").rows().stream()
                .filter(r -> r.benchCase().name().equals("flotilla-batch-put")).findFirst().orElseThrow();

        assertThat(batch.keysPerSecond()).isEqualTo(250_000);
        assertThat(batch.ratio()).isEqualTo(12.5);
        assertThat(batch.verdict()).isEqualTo("met");
    }

    @Test
    void aRoundWithErrorsGivesNoRatio() {
        WrkResult failing = new WrkResult(90_000, 0.1, 0.2, 0.3, 900_000, 900_000, 0);
        List<RoundResult> rounds = List.of(new RoundResult(1, Map.of("ceiling-get", rate(40_000, 10), "flotilla-get", failing)));

        BenchReport.Row flotilla = report(rounds, "flotilla-get").rows().stream()
                .filter(r -> r.benchCase().name().equals("flotilla-get")).findFirst().orElseThrow();

        assertThat(flotilla.ratio()).isNaN();
        assertThat(flotilla.failedRounds()).isEqualTo(1);
        assertThat(flotilla.verdict()).contains("no ratio", "1 failed round(s)");
        assertThat(report(rounds, "flotilla-get").markdown()).contains("| flotilla-get | - |");
    }

    @Test
    void choosingACaseBringsTheCasesItsRatiosNeed() {
        BenchOptions options = BenchOptions.parse("--cases", "flotilla-batch-get");

        assertThat(options.cases()).extracting(BenchCase::name)
                .containsExactly("ceiling-get", "flotilla-get", "flotilla-batch-get");
    }
}

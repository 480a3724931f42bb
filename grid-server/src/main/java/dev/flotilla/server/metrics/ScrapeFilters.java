package dev.flotilla.server.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Meter filters Micronaut applies to every registry: latency histograms with fixed buckets, and the renames and
 * help texts that make {@code promtool check metrics} clean. (HTTP timers carry no exception class label:
 * {@link HttpRequestTimers} never adds one.)
 */
@Factory
public class ScrapeFilters {
    /**
     * SLO-style bucket boundaries from 0.5 ms to 10 s, 14 of them (18 series per label set with +Inf, count, sum
     * and max), instead of the 66 buckets of Micrometer's percentile histogram for a timer (1 ms to 30 s): a
     * quantile read from them is off by at most one bucket (a factor of 2.5), and buckets sum across nodes.
     */
    static final Duration[] LATENCY_BUCKETS = Arrays.stream(new double[]{
            0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000})
            .mapToObj(ms -> Duration.ofNanos((long) (ms * 1_000_000))).toArray(Duration[]::new);

    /** Timers that get {@link #LATENCY_BUCKETS}. */
    static final Set<String> HISTOGRAMS = Set.of(HttpRequestTimers.NAME, GridOperationTimers.MAP_OPERATION,
            GridOperationTimers.GUARANTEE_OPERATION);

    /** Help texts for the framework's meters that come without one. */
    private static final Map<String, String> DESCRIPTIONS = Map.of(
            HttpRequestTimers.NAME, "HTTP requests served, by method, route template and status",
            "executor", "time tasks took on Micronaut's executors");

    /** The latency buckets on {@link #HISTOGRAMS}, and no client-side percentiles. */
    @Singleton
    MeterFilter latencyHistograms() {
        double[] slos = Arrays.stream(LATENCY_BUCKETS).mapToDouble(Duration::toNanos).toArray();
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!HISTOGRAMS.contains(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder().percentilesHistogram(false).percentiles()
                        .serviceLevelObjectives(slos).build().merge(config);
            }
        };
    }

    /**
     * What promtool reports on the framework's meters: {@code process.cpu.time} counts nanoseconds under a unit
     * suffix ({@code _ns_total}) and {@code process_cpu_usage} says the same, so it is dropped;
     * {@code system.cpu.count} is a gauge ending in {@code _count}, renamed {@code system.processors}; meters
     * without a description get one.
     */
    @Singleton
    MeterFilter promtoolClean() {
        return new MeterFilter() {
            @Override
            public MeterFilterReply accept(Meter.Id id) {
                return id.getName().equals("process.cpu.time")
                        ? MeterFilterReply.DENY
                        : MeterFilterReply.NEUTRAL;
            }

            @Override
            public Meter.Id map(Meter.Id id) {
                String name = id.getName().equals("system.cpu.count") ? "system.processors" : id.getName();
                String description = id.getDescription() != null ? id.getDescription()
                        : DESCRIPTIONS.getOrDefault(name, name.replace('.', ' '));
                if (name.equals(id.getName()) && description.equals(id.getDescription())) {
                    return id;
                }
                return new Meter.Id(name, Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), description, id.getType());
            }
        };
    }
}

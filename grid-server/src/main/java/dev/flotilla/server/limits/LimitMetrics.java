package dev.flotilla.server.limits;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.inject.Singleton;

/** The high-water mark's gauges on {@code /prometheus}. */
@Singleton
public class LimitMetrics implements MeterBinder {
    private final MemoryGuard memory;

    public LimitMetrics(MemoryGuard memory) {
        this.memory = memory;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("flotilla.memory.writes.refused", memory, m -> m.above() ? 1 : 0)
                .description("1 while the old generation after the last collection is above the high-water mark and writes are refused")
                .register(registry);
        Gauge.builder("flotilla.memory.old.after.gc", memory, MemoryGuard::usedAfterGc).baseUnit("bytes")
                .description("old generation in use after the last garbage collection").register(registry);
        Gauge.builder("flotilla.memory.high.water", memory, MemoryGuard::highWaterBytes).baseUnit("bytes")
                .description("the heap above which writes are refused (flotilla-server.limits.memory-high-water-percent)")
                .register(registry);
    }
}

package dev.flotilla.server.health;

import dev.flotilla.server.limits.MemoryGuard;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code memory} entry of {@code /health}: the old generation after the last collection against the high-water mark, and
 * whether writes are refused. Always {@code UP}: a node above its mark still serves reads and deletes, so it stays
 * in the load balancer; {@code writesRefused} tells a client to write elsewhere. Local, never waits.
 */
@Singleton
public class MemoryHealthIndicator extends LocalHealthIndicator {
    private final MemoryGuard memory;

    public MemoryHealthIndicator(MemoryGuard memory) {
        this.memory = memory;
    }

    @Override
    HealthResult result() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("oldGenAfterGcBytes", memory.usedAfterGc());
        details.put("highWaterBytes", memory.highWaterBytes());
        details.put("oldGenMaxBytes", memory.guardedMax());
        details.put("maxHeapBytes", memory.maxHeap());
        details.put("writesRefused", memory.above());
        return HealthResult.builder("memory", HealthStatus.UP).details(details).build();
    }
}

package dev.flotilla.server.health;

import dev.flotilla.server.cluster.PartitionLossLog;
import dev.flotilla.server.security.HealthDetailAccess;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.endpoint.health.HealthLevelOfDetail;
import io.micronaut.management.health.aggregator.DefaultHealthAggregator;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.runtime.ApplicationConfiguration;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Micronaut's aggregator, plus a {@code dataLoss} entry in the {@code /health} summary only.
 *
 * <p>Why here: Micronaut 4's health endpoint serves {@code /health} from every {@code HealthIndicator} bean,
 * {@code /health/liveness} from the {@code @Liveness} ones and {@code /health/readiness} from all the others
 * ({@code @Readiness} only documents). An indicator bean that should count in the summary but not in readiness
 * would have to be {@code @Liveness}, and data loss is not a reason to restart a process. So the data-loss entry
 * is no bean: it is added when the indicators aggregated are the summary's, recognised by holding both the
 * liveness and the readiness indicator of the grid.
 *
 * <p>{@code dataLoss} is {@code UP} when no partition was lost beyond its backups since start or the last
 * acknowledgement, and {@code DEGRADED} (HTTP 200, operational) with the partitions, maps and since when
 * otherwise: every surviving node reports the same loss, so a 503 would take the whole cluster out of a load
 * balancer while it still serves what is left.
 */
@Singleton
@Requires(beans = HealthEndpoint.class)
@Replaces(DefaultHealthAggregator.class)
public class SummaryHealthAggregator extends DefaultHealthAggregator {
    private final HealthIndicator dataLoss;
    private final HealthDetailAccess access;

    public SummaryHealthAggregator(ApplicationConfiguration configuration, PartitionLossLog losses,
                                   HealthDetailAccess access) {
        super(configuration);
        this.access = access;
        this.dataLoss = () -> Mono.fromSupplier(() -> losses.unacknowledged()
                .map(loss -> HealthResult.builder("dataLoss", HealthDetails.DEGRADED).details(HealthDetails.loss(loss)).build())
                .orElseGet(() -> HealthResult.builder("dataLoss", HealthStatus.UP).details(HealthDetails.noLoss()).build()));
    }

    @Override
    public Publisher<HealthResult> aggregate(HealthIndicator[] indicators, HealthLevelOfDetail detail) {
        // With security on, details (cluster name, members, addresses) only for admin and metrics tokens.
        HealthLevelOfDetail allowed = access.detailsVisible() ? detail : HealthLevelOfDetail.STATUS;
        return super.aggregate(summary(indicators) ? with(indicators, dataLoss) : indicators, allowed);
    }

    /**
     * Micronaut ranks statuses by {@code operational} alone when both have it, so DEGRADED and UP rank alike: a
     * DEGRADED entry turns an otherwise UP summary DEGRADED here, and anything not operational still wins.
     */
    @Override
    protected HealthStatus calculateOverallStatus(List<HealthResult> results) {
        HealthStatus status = super.calculateOverallStatus(results);
        boolean degraded = results.stream().anyMatch(r -> HealthDetails.DEGRADED.getName().equals(r.getStatus().getName()));
        return degraded && HealthStatus.UP.getName().equals(status.getName()) ? HealthDetails.DEGRADED : status;
    }

    private static boolean summary(HealthIndicator[] indicators) {
        return Arrays.stream(indicators).anyMatch(MemberLivenessIndicator.class::isInstance)
                && Arrays.stream(indicators).anyMatch(GridHealthIndicator.class::isInstance);
    }

    private static HealthIndicator[] with(HealthIndicator[] indicators, HealthIndicator extra) {
        HealthIndicator[] all = Arrays.copyOf(indicators, indicators.length + 1);
        all[indicators.length] = extra;
        return all;
    }
}

package dev.flotilla.server.health;

import dev.flotilla.grid.cluster.BackupCoverage;
import dev.flotilla.server.cluster.PartitionLossLog;
import dev.flotilla.server.cluster.SafetyMonitor;
import io.micronaut.health.HealthStatus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The detail maps health answers share, so every endpoint words safety and data loss the same way. */
final class HealthDetails {
    /** Running, serving, and partitions lost beyond their backups (not acknowledged): HTTP 200, see docs/decisions.md. */
    static final HealthStatus DEGRADED = new HealthStatus("DEGRADED",
            "the node serves, but partitions were lost beyond their backups", true, 300);

    private HealthDetails() {
    }

    /** The status of a safety report: UP when safe, OUT_OF_SERVICE when known unsafe, UNKNOWN otherwise. */
    static HealthStatus status(SafetyMonitor.Report report) {
        return switch (report.verdict()) {
            case SAFE -> HealthStatus.UP;
            case UNSAFE -> GridHealthIndicator.OUT_OF_SERVICE;
            case UNKNOWN -> HealthStatus.UNKNOWN;
        };
    }

    static Map<String, Object> safety(SafetyMonitor.Report report) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("safe", report.verdict() == SafetyMonitor.Verdict.SAFE);
        details.put("verdict", report.verdict().name());
        details.put("reason", report.reason());
        details.put("checkedAt", report.checkedAt() == null ? null : report.checkedAt().toString());
        details.put("ageMillis", report.ageMillis());
        details.put("maxAgeMillis", report.maxAge().toMillis());
        details.put("deadlineMillis", report.deadline().toMillis());
        details.put("clusterSafe", report.clusterSafe());
        details.put("localMemberSafe", report.localMemberSafe());
        BackupCoverage c = report.coverage();
        details.put("coverage", c == null ? null : Map.of("partitions", c.partitions(),
                "backupsExpected", c.backupsExpected(), "unowned", c.unowned(), "underBackedUp", c.underBackedUp(),
                "migrating", c.migrating()));
        return details;
    }

    /** The {@code dataLoss} details when nothing is lost or everything was acknowledged: the same keys, empty. */
    static Map<String, Object> noLoss() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("partitionsLost", 0);
        details.put("events", 0L);
        details.put("partitions", List.of());
        details.put("maps", List.of());
        details.put("since", null);
        details.put("last", null);
        return details;
    }

    static Map<String, Object> loss(PartitionLossLog.Loss loss) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("partitionsLost", loss.partitions().size());
        details.put("events", loss.events());
        details.put("partitions", loss.partitions());
        details.put("maps", loss.maps());
        details.put("since", loss.since().toString());
        details.put("last", loss.last().toString());
        return details;
    }
}

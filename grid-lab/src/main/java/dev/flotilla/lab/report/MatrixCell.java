package dev.flotilla.lab.report;

import java.util.Optional;

/**
 * One cell of a verdict matrix: a workload under a mode in a scenario, with its result, or why it was not run.
 *
 * @param workload     workload name
 * @param mode         guarantee mode id
 * @param scenario     scenario name ({@code join}, {@code leave}, {@code crash}, ...)
 * @param setup        the cluster the cell ran on, e.g. "1 -> 2 -> 3 members" or "3 members, 3 CP"
 * @param result       the run's result, when it ran
 * @param notApplied   why the cell was not run (empty when it ran)
 */
public record MatrixCell(String workload, String mode, String scenario, String setup, Optional<RunResult> result,
                         String notApplied) {
}

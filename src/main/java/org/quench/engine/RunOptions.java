package org.quench.engine;

import java.time.Duration;
import java.util.Map;

/**
 * How one run behaves.
 *
 * @param dryRun          the engineer asked for --dry-run (reported as such)
 * @param mode            PLAN or APPLY, already decided from --dry-run/--yes/confirmation
 * @param forks           hosts worked on at once
 * @param defaultTimeout  per-command timeout when a step sets none
 * @param approvedPlan    in an APPLY run that follows a confirmed plan: the exact commands the
 *                        engineer saw, per host; an action outside it is refused. Null: no such
 *                        constraint (--yes).
 */
public record RunOptions(String runId, boolean dryRun, RunMode mode, int forks, Duration defaultTimeout,
                         Map<String, java.util.Set<String>> approvedPlan) {
}

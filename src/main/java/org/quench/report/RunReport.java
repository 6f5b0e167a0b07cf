package org.quench.report;

import java.time.Instant;
import java.util.List;

/**
 * One run, as written by {@code --json}.
 *
 * @param status ok | changed | findings | planned | pending-… | unstable | failed — the worst host decides
 */
public record RunReport(String runId, String runbook, boolean dryRun, Instant startedAt,
                        Instant finishedAt, String status, List<HostReport> hosts) {

    /** Exit code per PRODUCT.md §4: 3 execution failure, 1 findings/unstable, 0 otherwise. */
    public int exitCode() {
        return switch (status) {
            case "failed" -> 3;
            case "unstable", "findings" -> 1;
            default -> status.startsWith("pending-") ? 1 : 0;
        };
    }
}

package org.quench.report;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * One host's outcome.
 *
 * @param status ok | changed | planned | unstable (a verify failed) | failed (could not run)
 * @param error  what stopped the host, as host:step: message (null when nothing did)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HostReport(String host, String status, Map<String, Object> findings,
                         List<StepRecord> steps, String error) {

    public static final String OK = "ok";
    public static final String CHANGED = "changed";
    public static final String PLANNED = "planned";
    public static final String UNSTABLE = "unstable";
    /** A verify with {@code status: pending-…} did not hold: e.g. {@code pending-delisting}. */
    public static final String PENDING_PREFIX = "pending-";
    public static final String FAILED = "failed";
}

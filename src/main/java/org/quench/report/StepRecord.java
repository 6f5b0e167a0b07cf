package org.quench.report;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * What happened to one step (one item of a foreach counts as one record). Commands, output and
 * messages are already masked: secrets never reach a record.
 *
 * @param status   ok | changed | skipped | planned | failed | pending (a verify with {@code status: pending-…}
 *                 that did not hold yet)
 * @param steps    the steps of a sub-runbook, nested (kind runbook), else empty
 * @param findings the sub-runbook's findings (kind runbook), else empty
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record StepRecord(String stage, String name, String kind, String status, String command,
                         Integer exitCode, long durationMs, String message, String item,
                         List<StepRecord> steps, Map<String, Object> findings) {

    public static final String OK = "ok";
    public static final String CHANGED = "changed";
    public static final String SKIPPED = "skipped";
    public static final String PLANNED = "planned";
    public static final String FAILED = "failed";
    public static final String PENDING = "pending";

    public boolean failed() {
        return FAILED.equals(status);
    }
}

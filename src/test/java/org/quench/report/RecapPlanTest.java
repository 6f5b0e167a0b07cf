package org.quench.report;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RecapPlanTest {
    @Test
    void everyCommandOfAPlannedStepIsShownInsideItsBlockAndApprovalsByTheirMessage() {
        StepRecord reset = new StepRecord("contain", "reset the password", "action", StepRecord.PLANNED,
                "doveadm pw -s SHA512-CRYPT\ndoveadm auth test 'bob@example.test'", null, 0, null, null, List.of(), Map.of());
        StepRecord gate = new StepRecord("purge", "confirm", "approve", StepRecord.PLANNED, null, null, 0,
                "Delete 3 queued message(s)", null, List.of(), Map.of());
        StepRecord done = new StepRecord("detect", "scan", "check", StepRecord.OK, "grep x", 0, 5, null, null, List.of(), Map.of());
        RunReport report = new RunReport("r1", "rb", true, Instant.EPOCH, Instant.EPOCH, "planned",
                List.of(new HostReport("mx1", HostReport.PLANNED, Map.of(), List.of(done, reset, gate), null)));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        new Recap(new PrintStream(buf, true, StandardCharsets.UTF_8), new Style(false)).printPlan(report);
        assertThat(buf.toString(StandardCharsets.UTF_8)).isEqualTo("""
                PLAN (nothing below has been executed)
                  mx1:
                    contain / reset the password
                      $ doveadm pw -s SHA512-CRYPT
                        doveadm auth test 'bob@example.test'
                    purge / confirm
                      approve: Delete 3 queued message(s)
                """);
    }
}

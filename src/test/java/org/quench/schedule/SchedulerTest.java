package org.quench.schedule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quench.runbook.SourcePos;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduler with real child processes (sh), not quench: overlap, cancellation on stop and on
 * timeout. The end-to-end version through the packaged jar is ScheduleIT.
 */
class SchedulerTest {
    @TempDir Path tmp;

    private Scheduler scheduler(ScheduleConfig config, String script, ByteArrayOutputStream log) {
        AtomicInteger n = new AtomicInteger();
        Scheduler.Launcher sh = (entry, runId, output) -> new ProcessBuilder("sh", "-c", script, "sh", runId)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).redirectErrorStream(true).start();
        return new Scheduler(config, sh, () -> "run" + n.incrementAndGet(), tmp, new PrintStream(log, true, StandardCharsets.UTF_8),
                ZoneOffset.UTC);
    }

    private static ScheduleEntry every(String cron, Duration timeout) {
        return new ScheduleEntry("t", CronSpec.parse(cron), List.of("x"), Duration.ZERO, timeout, SourcePos.UNKNOWN);
    }

    @Test
    void slowRunIsCancelledWhenStopGraceIsOverAndTheSchedulerReturns() throws Exception {
        Path marks = tmp.resolve("marks");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Scheduler s = scheduler(new ScheduleConfig(List.of(every("* * * * * *", null)), Duration.ofMillis(300)),
                "echo start $1 >> " + marks + "; sleep 30; echo end $1 >> " + marks, log);
        Thread t = new Thread(() -> {
            try {
                s.run();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!(Files.exists(marks) && Files.readString(marks).contains("start")) && System.nanoTime() < deadline) Thread.sleep(50);
        long stopAt = System.nanoTime();
        s.stop("test");
        t.join(15_000);
        assertThat(t.isAlive()).as("scheduler still running; log:\n" + log).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - stopAt)).isLessThan(Duration.ofSeconds(12));
        String out = log.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("t: run run1 started").contains("run run1 cancelled (stop_grace 300 ms over)")
                .contains("run run1 finished: exit").doesNotContain("run2");
        assertThat(Files.readString(marks)).isEqualTo("start run1\n");
    }

    @Test
    void runsNeverOverlapAndSkippedFireTimesAreLogged() throws Exception {
        Path marks = tmp.resolve("marks");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        // Fires every second; each run takes 1.5 s.
        Scheduler s = scheduler(new ScheduleConfig(List.of(every("* * * * * *", null)), Duration.ofSeconds(10)),
                "echo start $1 >> " + marks + "; sleep 1.5; echo end $1 >> " + marks, log);
        Thread t = new Thread(() -> {
            try {
                s.run();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!(Files.exists(marks) && Files.readString(marks).contains("end run2")) && System.nanoTime() < deadline) Thread.sleep(50);
        s.stop("test");
        t.join(15_000);
        List<String> lines = Files.readAllLines(marks);
        // Strictly alternating start/end of the same run: no run began while another was going.
        assertThat(lines.size()).isGreaterThanOrEqualTo(4).isEven();
        for (int i = 0; i < lines.size(); i += 2) {
            String id = lines.get(i).substring("start ".length());
            assertThat(lines.get(i)).startsWith("start ");
            assertThat(lines.get(i + 1)).isEqualTo("end " + id);
        }
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("skipped 1 fire time(s) while the previous run was still going");
    }

    @Test
    void runOutlivingItsTimeoutIsCancelled() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Scheduler s = scheduler(new ScheduleConfig(List.of(every("* * * * * *", Duration.ofMillis(500))), Duration.ofSeconds(10)),
                "sleep 30", log);
        Thread t = new Thread(() -> {
            try {
                s.run();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!log.toString(StandardCharsets.UTF_8).contains("run1 finished") && System.nanoTime() < deadline) Thread.sleep(50);
        s.stop("test");
        t.join(15_000);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("run run1 cancelled (timeout 500 ms reached)")
                .contains("run run1 finished: exit 143 (cancelled)");
    }
}

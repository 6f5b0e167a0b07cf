package org.quench.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code quench schedule} as a real process from the packaged jar, running real (local) runs on a
 * 2-second cron: runs repeat, never overlap a slow run, each is recorded with its id, and SIGTERM
 * lets the run in progress finish and exits 0.
 */
class ScheduleIT {
    static final Path REPO = Path.of("").toAbsolutePath();
    static final Path IT = REPO.resolve("src/test/resources/it");

    @TempDir Path tmp;

    private Process start(Path home, Path out, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("java", "-XX:+UseSerialGC", "-jar",
                Path.of(System.getProperty("quench.jar", "target/quench.jar")).toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(REPO.toFile());
        pb.environment().put("QUENCH_HOME", home.toString());
        pb.environment().put("NO_COLOR", "1");
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectErrorStream(true).redirectOutput(out.toFile());
        return pb.start();
    }

    private static long count(Path file, String line) throws Exception {
        if (!Files.exists(file)) return 0;
        return Files.readAllLines(file).stream().filter(line::equals).count();
    }

    @Test
    void twoSecondCronRunsRepeatedlyNeverOverlapsASlowRunAndStopsCleanlyOnSigterm() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path marks = tmp.resolve("marks");
        Path inv = tmp.resolve("hosts.yml");
        Files.writeString(inv, "all:\n  hosts:\n    alpha:\n      ansible_connection: local\n      lock_dir: " + tmp.resolve("lock") + "\n");
        Path config = tmp.resolve("schedules.yml");
        Files.writeString(config, """
                stop_grace: 60s
                schedules:
                  - name: slow
                    cron: "*/2 * * * * *"
                    runbook: %s
                    inventory: %s
                    extra_vars: {marks: %s, seconds: 3}
                """.formatted(IT.resolve("slow-marks.yml"), inv, marks));
        Path out = tmp.resolve("schedule.out");
        Process p = start(home, out, "schedule", "-c", config.toString());
        try {
            // Two runs complete, then wait until a third is in progress (started, not ended).
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline && !(count(marks, "end") >= 2 && count(marks, "start") == count(marks, "end") + 1)) {
                assertThat(p.isAlive()).as(Files.readString(out)).isTrue();
                Thread.sleep(100);
            }
            assertThat(count(marks, "start")).as(Files.readString(out)).isEqualTo(count(marks, "end") + 1);
            p.destroy(); // SIGTERM, to this process only (by PID)
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("scheduler did not stop").isTrue();
        } finally {
            if (p.isAlive()) p.destroyForcibly();
        }
        String log = Files.readString(out);
        assertThat(p.exitValue()).as(log).isZero();
        // The run in progress was allowed to finish; start/end strictly alternate: never two at once.
        List<String> lines = Files.readAllLines(marks);
        assertThat(lines.size()).as(log).isGreaterThanOrEqualTo(6).isEven();
        for (int i = 0; i < lines.size(); i++) assertThat(lines.get(i)).isEqualTo(i % 2 == 0 ? "start" : "end");
        assertThat(log).contains("SIGTERM: stopping").contains("quench schedule: stopped")
                .contains("while the previous run was still going").doesNotContain("Exception");

        // Every logged run id has a complete record that names the schedule.
        Matcher m = Pattern.compile("slow: run (\\S+) finished: exit 0 \\(ok\\)").matcher(log);
        List<String> ids = new ArrayList<>();
        while (m.find()) ids.add(m.group(1));
        assertThat(ids).hasSize(lines.size() / 2);
        ObjectMapper json = new ObjectMapper();
        for (String id : ids) {
            assertThat(log).contains("slow: run " + id + " started");
            JsonNode meta = json.readTree(home.resolve("runs").resolve(id).resolve("meta.json").toFile());
            assertThat(meta.get("schedule").asText()).isEqualTo("slow");
            assertThat(meta.get("status").asText()).isEqualTo("ok");
            assertThat(meta.get("dryRun").asBoolean()).isTrue();
            assertThat(meta.get("runbook").asText()).isEqualTo("slow-marks");
        }
        // And the records' start/finish times do not overlap either.
        for (int i = 1; i < ids.size(); i++) {
            JsonNode prev = json.readTree(home.resolve("runs").resolve(ids.get(i - 1)).resolve("meta.json").toFile());
            JsonNode next = json.readTree(home.resolve("runs").resolve(ids.get(i)).resolve("meta.json").toFile());
            assertThat(java.time.Instant.parse(next.get("startedAt").asText()))
                    .isAfterOrEqualTo(java.time.Instant.parse(prev.get("finishedAt").asText()));
        }
        assertThat(Files.readString(home.resolve("schedule/slow.log"))).contains("=== ").contains("quench run " + IT.resolve("slow-marks.yml"));
    }

    @Test
    void invalidScheduleFileIsExit2WithFileLineCol() throws Exception {
        Path config = tmp.resolve("bad.yml");
        Files.writeString(config, """
                schedules:
                  - name: audit
                    cron: "*/15 * * * * * * *"
                    run: run demo-spool --yes
                """);
        Quench.Result r = new Quench(Files.createDirectories(tmp.resolve("home"))).run(REPO, "schedule", "-c", config.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains(config + ":3:11: cron: expected 5 fields").contains(config + ":4:10: --yes is refused")
                .doesNotContain("\tat ");
    }
}

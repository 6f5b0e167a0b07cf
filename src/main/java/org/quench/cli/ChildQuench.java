package org.quench.cli;

import org.quench.schedule.ScheduleEntry;
import org.quench.schedule.Scheduler;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts one scheduled run as a child quench process: the same Java and class path as this
 * scheduler, so the run behaves exactly as the same command typed by hand (own run record,
 * console log, exit code). The scheduler passes the run id ($QUENCH_RUN_ID) and the schedule's
 * name ($QUENCH_SCHEDULE, recorded in the run's meta.json). JVM flags as in bin/quench: a short
 * run gains nothing from the optimising JIT, and logs are streamed so the heap stays small.
 */
final class ChildQuench implements Scheduler.Launcher {

    @Override
    public Process start(ScheduleEntry entry, String runId, Path output) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(entry.args());
        Files.createDirectories(output.getParent());
        Files.writeString(output, "=== " + Instant.now() + " run " + runId + ": quench " + String.join(" ", entry.args()) + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("QUENCH_RUN_ID", runId);
        pb.environment().put("QUENCH_SCHEDULE", entry.name());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        return pb.start();
    }
}

package org.quench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.quench.history.RetentionPolicy;
import org.quench.history.RunHistory;
import org.quench.history.RunMeta;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"Past runs, newest first; with RUN_ID, one run in detail.",
                "Records live in $QUENCH_HOME/runs (default ~/.quench/runs). Retention: `history:` in $QUENCH_HOME/config.yml",
                "(max_count, max_age), applied when a run starts, or now with --prune."})
public final class HistoryCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN_ID", description = "Show this run in detail.")
    String runId;

    @Option(names = "--host", paramLabel = "GLOB", description = "Only runs that touched a matching host (* and ? wildcards).")
    String host;

    @Option(names = "--runbook", paramLabel = "GLOB", description = "Only runs of a matching runbook.")
    String runbook;

    @Option(names = {"-n", "--last"}, paramLabel = "N", description = "Show at most N runs.")
    Integer last;

    @Option(names = "--prune", description = "Delete the records the retention settings no longer keep, and say which.")
    boolean prune;

    @Option(names = "--max-count", paramLabel = "N", description = "With --prune: keep at most N records (overrides config.yml).")
    Integer maxCount;

    @Option(names = "--max-age", paramLabel = "DURATION", description = "With --prune: delete records older than this, e.g. 90d (overrides config.yml).")
    String maxAge;

    @Override
    public Integer call() throws IOException {
        RunHistory history = new RunHistory(Locations.home());
        if (prune) return prune(history);
        if (maxCount != null || maxAge != null) throw UserError.usage("--max-count and --max-age go with --prune");
        if (runId != null) return show(history);
        if (last != null && last < 1) throw UserError.usage("--last must be at least 1");
        List<RunHistory.Entry> runs = history.list(host, runbook);
        if (last != null && runs.size() > last) runs = runs.subList(0, last);
        if (runs.isEmpty()) {
            System.out.println("no runs recorded" + (host != null || runbook != null ? " matching the filter" : "")
                    + " in " + Locations.home().resolve("runs"));
            return ExitCodes.OK;
        }
        String fmt = "%-24s  %-20s  %-22s  %-9s  %-4s  %-7s  %-20s  %s%n";
        System.out.printf(fmt, "RUN", "STARTED (UTC)", "RUNBOOK", "STATUS", "EXIT", "MODE", "BY", "HOSTS");
        for (RunHistory.Entry e : runs) {
            RunMeta m = e.meta();
            System.out.printf(fmt, e.id(), when(m.startedAt()), nz(m.runbook()), nz(m.status()),
                    m.exitCode() == null ? "-" : m.exitCode(), mode(m), by(m), hosts(m.hosts()));
        }
        return ExitCodes.OK;
    }

    private int prune(RunHistory history) {
        if (runId != null) throw UserError.usage("--prune takes no RUN_ID");
        if (maxCount != null && maxCount < 1) throw UserError.usage("--max-count must be at least 1");
        Duration age = maxAge == null ? null : Workbench.duration("--max-age", maxAge);
        RetentionPolicy policy = RunRecords.retention().overriddenBy(maxCount, age);
        if (policy.keepsAll()) {
            System.out.println("no retention limit configured (history.max_count / history.max_age in "
                    + RunRecords.configFile() + ", or --max-count / --max-age): nothing deleted");
            return ExitCodes.OK;
        }
        List<String> deleted = history.prune(policy, Instant.now(), null);
        deleted.forEach(id -> System.out.println("deleted " + id));
        System.out.println(deleted.size() + " run record(s) deleted, " + history.list().size() + " kept");
        return ExitCodes.OK;
    }

    private int show(RunHistory history) throws IOException {
        RunHistory.Entry e = history.find(runId).orElseThrow(() -> UserError.usage("no run " + runId
                + " in " + Locations.home().resolve("runs") + " (`quench history` lists them)"));
        RunMeta m = e.meta();
        System.out.println("run       " + e.id());
        System.out.println("runbook   " + nz(m.runbook()) + (m.runbookPath() == null ? "" : "  " + m.runbookPath())
                + (m.runbookSha256() == null ? "" : "  sha256 " + m.runbookSha256()));
        System.out.println("status    " + nz(m.status()) + (m.exitCode() == null ? "" : " (exit " + m.exitCode() + ")")
                + ", " + mode(m));
        System.out.println("started   " + nz(m.startedAt()) + "   finished " + nz(m.finishedAt()));
        System.out.println("by        " + by(m) + (m.origin() == null ? "" : "  " + m.origin()));
        if (m.schedule() != null) System.out.println("schedule  " + m.schedule());
        if (m.command() != null) System.out.println("command   " + m.command());
        if (m.cwd() != null) System.out.println("cwd       " + m.cwd());
        if (m.inventory() != null) System.out.println("inventory " + m.inventory() + "  -l " + nz(m.limit())
                + (m.shard() == null ? "" : "  --shard " + m.shard()));
        if (m.params() != null && !m.params().isEmpty()) System.out.println("params    " + m.params());
        printHosts(e.dir().resolve(RunHistory.REPORT), m);
        printCommands(e.dir().resolve(RunHistory.COMMANDS));
        printEvidence(e.dir().resolve("evidence"));
        System.out.println("record    " + e.dir());
        System.out.println("          console.log, report.json, commands.log, meta.json; `quench report " + e.id()
                + " --format md|html` writes the incident report");
        return ExitCodes.OK;
    }

    private static void printHosts(Path report, RunMeta m) throws IOException {
        if (!Files.isRegularFile(report)) {
            System.out.println("hosts     " + hosts(m.hosts()) + " (no report.json: the run did not finish)");
            return;
        }
        JsonNode r = new ObjectMapper().readTree(report.toFile());
        System.out.println("hosts");
        for (JsonNode h : r.path("hosts")) {
            System.out.printf("  %-24s %-9s %s%n", h.path("host").asText(), h.path("status").asText(),
                    h.hasNonNull("error") ? h.get("error").asText() : "");
        }
    }

    private static void printCommands(Path log) throws IOException {
        if (!Files.isRegularFile(log)) {
            System.out.println("commands  none");
            return;
        }
        List<String> lines = Files.readAllLines(log);
        System.out.println("commands  " + lines.size() + " (time, host, exit, duration, command)");
        for (String l : lines) System.out.println("  " + l);
    }

    private static void printEvidence(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> list = files.filter(Files::isRegularFile).sorted().toList();
            System.out.println("evidence  " + list.size() + " file(s)");
            for (Path p : list) System.out.println("  " + dir.relativize(p) + "  (" + Files.size(p) + " bytes)");
        }
    }

    private static String when(String iso) {
        if (iso == null) return "-";
        String s = iso.replace('T', ' ');
        int dot = s.indexOf('.');
        return (dot > 0 ? s.substring(0, dot) : s.replace("Z", ""));
    }

    private static String mode(RunMeta m) {
        if (m.dryRun() == null) return "-";
        return m.dryRun() ? "dry-run" : "run";
    }

    private static String by(RunMeta m) {
        if (m.user() == null) return "-";
        String who = m.realUser() != null ? m.realUser() + "(" + m.user() + ")" : m.user();
        Map<String, String> o = m.origin();
        String from = o == null ? null : o.getOrDefault("sshClient", o.get("host"));
        return from == null ? who : who + "@" + from;
    }

    private static String hosts(List<String> hosts) {
        if (hosts == null || hosts.isEmpty()) return "-";
        if (hosts.size() <= 3) return String.join(",", hosts);
        return String.join(",", hosts.subList(0, 3)) + ",… (" + hosts.size() + ")";
    }

    private static String nz(String s) {
        return s == null ? "-" : s;
    }
}

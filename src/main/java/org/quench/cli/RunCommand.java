package org.quench.cli;

import org.quench.engine.Engine;
import org.quench.engine.RunMode;
import org.quench.engine.RunOptions;
import org.quench.engine.SecretVault;
import org.quench.history.RunRecord;
import org.quench.history.RunRecordJournal;
import org.quench.inventory.Host;
import org.quench.report.ConsoleReporter;
import org.quench.report.HostReport;
import org.quench.report.JUnitReportWriter;
import org.quench.report.JsonReportWriter;
import org.quench.report.Recap;
import org.quench.report.RunReport;
import org.quench.report.StepRecord;
import org.quench.report.Style;
import org.quench.runbook.Runbook;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a runbook against hosts.",
                "Checks always run; actions run only with --yes, or after you confirm the plan on a terminal.",
                "Without a terminal and without --yes, actions are planned, not executed."})
public final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUNBOOK", description = "Runbook name (runbooks/NAME.yml) or path.")
    String runbookRef;

    @Mixin InventoryOptions inventoryOptions;
    @Mixin ConnectionOptions connectionOptions;
    @Mixin ReportOptions reportOptions;

    @Option(names = {"-e", "--extra-vars"}, paramLabel = "KEY=VALUE", description = "Runbook parameter (repeatable).")
    Map<String, String> extraVars = new LinkedHashMap<>();

    @Option(names = "--dry-run", description = "Run checks for real, plan every action, execute none.")
    boolean dryRun;

    @Option(names = {"-y", "--yes"}, description = "Execute actions without asking.")
    boolean yes;

    @Option(names = "--since", paramLabel = "DURATION", description = "Time window, for runbooks with a `since` parameter (e.g. 2h).")
    String since;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (dryRun && yes) throw UserError.usage("--dry-run and --yes contradict each other: choose one");
        Workbench bench = new Workbench(true);
        Runbook runbook = bench.loadRunbook(Locations.runbook(runbookRef));
        Map<String, String> given = new LinkedHashMap<>(extraVars);
        if (since != null) {
            if (!runbook.params().containsKey("since")) {
                throw UserError.usage("runbook " + runbook.name() + " has no `since` parameter");
            }
            given.put("since", since);
        }
        Map<String, Object> params = bench.bindParams(runbook, given);
        List<Host> hosts = bench.selectHosts(inventoryOptions);

        String runId = RunRecords.newId();
        // The whole command line as given (picocli keeps it on every subcommand's parse result).
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        RunRecords.Started started = RunRecords.start(runId, args, runbook, inventoryOptions, hosts, dryRun, params);
        RunRecord record = started.record();
        String finalStatus = "failed";
        int finalExit = ExitCodes.EXECUTION;
        Thread interrupted = started.markInterruptedOnSignal();
        Style style = Style.detect();
        Console console = System.console();
        boolean interactive = console != null && !dryRun && !yes;
        try (PrintStream out = record.tee(System.out)) {
            out.println(style.dim("run " + runId + " by " + started.meta().user() + " on " + started.meta().origin().get("host")
                    + ", runbook " + runbook.name() + " (sha256 " + shortHash(started.meta().runbookSha256()) + ")"
                    + (inventoryOptions.shard == null ? "" : ", shard " + inventoryOptions.shard)));
            SecretVault vault = new SecretVault();
            Engine engine = bench.engine(connectionOptions, new ConsoleReporter(out, style, hosts.size()), vault,
                    new RunRecordJournal(record));
            out.println(style.bold("quench run " + runbook.name()) + " — run " + runId + ", " + hosts.size() + " host(s)"
                    + (dryRun ? ", dry run" : yes ? "" : interactive ? ", plan first" : ", plan only (no terminal, no --yes)"));
            RunMode mode = yes ? RunMode.APPLY : RunMode.PLAN;
            RunReport report = engine.run(runbook, params, hosts,
                    new RunOptions(runId, dryRun, mode, connectionOptions.forks(), bench.commandTimeout(connectionOptions), null));
            Recap recap = new Recap(out, style);
            if (interactive && countPlanned(report) > 0 && report.exitCode() != ExitCodes.EXECUTION) {
                recap.printFindings(report);
                recap.printPlan(report);
                if (confirm(console, report)) {
                    out.println(style.bold("Applying the confirmed plan."));
                    report = engine.run(runbook, params, hosts, new RunOptions(runId, false, RunMode.APPLY,
                            connectionOptions.forks(), bench.commandTimeout(connectionOptions), approvedPlan(report)));
                } else {
                    out.println("Not confirmed: nothing was changed.");
                }
            } else if (!dryRun && !yes && countPlanned(report) > 0) {
                out.println("No terminal and no --yes: the actions below were planned, not executed.");
            }
            recap.printFindings(report);
            if (report.dryRun()) recap.printPlan(report);
            recap.printRecap(report);
            String json = JsonReportWriter.toJson(report);
            record.write("report.json", json + "\n");
            if (reportOptions.json != null) JsonReportWriter.write(report, reportOptions.json);
            if (reportOptions.junit != null) JUnitReportWriter.write(report, reportOptions.junit);
            revealSecrets(vault, out, console, runId);
            out.println(style.dim("run record: " + record.dir()));
            finalStatus = report.status();
            finalExit = report.exitCode();
            return report.exitCode();
        } finally {
            // Also when the run dies half-way: the record then says failed, not running.
            started.finish(finalStatus, finalExit, interrupted);
        }
    }

    private static String shortHash(String sha) {
        return sha == null ? "-" : sha.substring(0, 12);
    }

    private static long countPlanned(RunReport report) {
        long n = 0;
        for (HostReport h : report.hosts()) {
            n += flatten(h.steps()).stream().filter(s -> StepRecord.PLANNED.equals(s.status())).count();
        }
        return n;
    }

    private static List<StepRecord> flatten(List<StepRecord> steps) {
        List<StepRecord> out = new java.util.ArrayList<>();
        for (StepRecord s : steps) {
            out.add(s);
            out.addAll(flatten(s.steps()));
        }
        return out;
    }

    /** The exact commands the engineer saw, per host: the apply run may execute only these. */
    private static Map<String, Set<String>> approvedPlan(RunReport report) {
        Map<String, Set<String>> plan = new HashMap<>();
        for (HostReport h : report.hosts()) {
            Set<String> cmds = new HashSet<>();
            for (StepRecord s : flatten(h.steps())) {
                if (StepRecord.PLANNED.equals(s.status()) && s.command() != null) cmds.add(s.command());
            }
            plan.put(h.host(), cmds);
        }
        return plan;
    }

    private static boolean confirm(Console console, RunReport report) {
        long hosts = report.hosts().stream().filter(h -> HostReport.PLANNED.equals(h.status())).count();
        String answer = console.readLine("Apply these %d action(s) on %d host(s)? Type 'yes' to proceed: ",
                countPlanned(report), hosts);
        return answer != null && answer.strip().equalsIgnoreCase("yes");
    }

    /**
     * New secrets (passwords) are shown exactly once: on the terminal, or without one in a file
     * only the owner can read. Never in the run record or the report.
     */
    private static void revealSecrets(SecretVault vault, PrintStream out, Console console, String runId) throws IOException {
        List<SecretVault.Revealed> secrets = vault.toReveal();
        if (secrets.isEmpty()) return;
        if (console != null) {
            // Straight to the terminal, bypassing the console.log tee.
            console.printf("%nNEW SECRETS (shown once, not stored anywhere):%n");
            for (SecretVault.Revealed s : secrets) console.printf("  %s  %s = %s%n", s.host(), s.name(), s.value());
            console.flush();
            return;
        }
        Path dir = Locations.home().resolve("secrets");
        Files.createDirectories(dir);
        Path file = dir.resolve(runId + ".txt");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        StringBuilder sb = new StringBuilder();
        for (SecretVault.Revealed s : secrets) sb.append(s.host()).append(' ').append(s.name()).append(' ').append(s.value()).append('\n');
        Files.writeString(file, sb.toString(), StandardOpenOption.TRUNCATE_EXISTING);
        out.println("New secrets were written to " + file + " (mode 0600): read them once, then delete the file.");
    }
}

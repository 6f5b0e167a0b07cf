package org.quench.cli;

import org.quench.inventory.Host;
import org.quench.report.Style;
import org.quench.transport.ExecResult;
import org.quench.transport.Transport;
import org.quench.transport.TransportException;
import org.quench.engine.TransportOpener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import org.quench.history.RunHistory;
import org.quench.history.RunRecord;
import org.quench.history.RunRecordJournal;
import org.quench.report.HostReport;
import org.quench.report.JsonReportWriter;
import org.quench.report.RunReport;
import org.quench.report.StepRecord;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

@Command(name = "inventory", mixinStandardHelpOptions = true,
        description = {"Show the selected hosts and how quench will reach them.",
                "--check connects to each (verifying its host key) and runs `true`; exit 3 if any fails."})
public final class InventoryCommand implements Callable<Integer> {

    @Mixin InventoryOptions inventoryOptions;
    @Mixin ConnectionOptions connectionOptions;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--check", description = "Connect to every selected host and run `true`.")
    boolean check;

    @Option(names = "--vars", description = "Also print every host variable.")
    boolean showVars;

    @Override
    public Integer call() throws Exception {
        Workbench bench = new Workbench();
        List<Host> hosts = bench.selectHosts(inventoryOptions);
        Style style = Style.detect();
        int width = hosts.stream().mapToInt(h -> h.name().length()).max().orElse(4);
        if (!check) {
            for (Host h : hosts) {
                System.out.printf("%-" + width + "s  %s  platform=%s  groups=%s%n", h.name(), target(h),
                        h.var("platform") == null ? "-" : h.var("platform"), String.join(",", h.groups()));
                if (showVars) h.vars().forEach((k, v) -> System.out.println("    " + k + ": " + v));
            }
            System.out.println(hosts.size() + " host(s)");
            return ExitCodes.OK;
        }
        String runId = RunRecords.newId();
        // Connecting to hosts is recorded like a run: who checked which hosts, from where, and
        // what each answered (history, incident report).
        RunRecords.Started started = RunRecords.start(runId, spec.commandLine().getParseResult().originalArgs(),
                "inventory-check", null, inventoryOptions, hosts, null, Map.of());
        RunRecordJournal journal = new RunRecordJournal(started.record());
        Instant begun = Instant.now();
        TransportOpener transports = bench.transports(connectionOptions);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(connectionOptions.forks(), hosts.size())));
        String status = HostReport.FAILED;
        int exit = ExitCodes.EXECUTION;
        try (PrintStream out = started.record().tee(System.out)) {
            List<Future<StepRecord>> results = new ArrayList<>();
            for (Host h : hosts) results.add(pool.submit(() -> probe(transports, h, journal)));
            int failed = 0;
            List<HostReport> reports = new ArrayList<>();
            for (int i = 0; i < hosts.size(); i++) {
                StepRecord probe = results.get(i).get();
                Host h = hosts.get(i);
                if (!probe.failed()) {
                    out.printf("%-" + width + "s  %s  %s%n", h.name(), style.green("ok"), target(h));
                } else {
                    failed++;
                    out.printf("%-" + width + "s  %s  %s%n", h.name(), style.red("failed"), probe.message());
                }
                reports.add(new HostReport(h.name(), probe.failed() ? HostReport.FAILED : HostReport.OK, Map.of(), List.of(probe),
                        probe.failed() ? h.name() + ":check: " + probe.message() : null));
            }
            out.println((hosts.size() - failed) + " of " + hosts.size() + " host(s) reachable with a verified host key");
            status = failed == 0 ? HostReport.OK : HostReport.FAILED;
            exit = failed == 0 ? ExitCodes.OK : ExitCodes.EXECUTION;
            started.record().write(RunHistory.REPORT, JsonReportWriter.toJson(new RunReport(runId, "inventory-check", false, begun,
                    Instant.now(), status, reports)) + "\n");
            return exit;
        } finally {
            pool.shutdownNow();
            started.finish(status, exit);
        }
    }

    private static StepRecord probe(TransportOpener transports, Host h, RunRecordJournal journal) {
        long t0 = System.nanoTime();
        String problem;
        Integer exit = null;
        try (Transport t = transports.open(h)) {
            ExecResult r = t.exec("true", null, Duration.ofSeconds(30));
            exit = r.exitCode();
            problem = r.exitCode() == 0 ? null : "`true` exited " + r.exitCode() + ": " + r.stderr().strip();
        } catch (TransportException e) {
            problem = e.getMessage();
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        journal.commandRan(h.name(), "true", exit, ms);
        return new StepRecord("check", "connect and run true", "check", problem == null ? StepRecord.OK : StepRecord.FAILED,
                "true", exit, ms, problem, null, List.of(), Map.of());
    }

    private static String target(Host h) {
        if (h.isLocal()) return "local";
        return (h.user() == null ? "" : h.user() + "@") + h.address() + (h.port() == null ? "" : ":" + h.port());
    }
}

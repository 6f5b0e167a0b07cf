package org.quench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.quench.audit.AuditCheck;
import org.quench.audit.AuditChecks;
import org.quench.audit.AuditTable;
import org.quench.engine.Engine;
import org.quench.engine.RunMode;
import org.quench.engine.RunOptions;
import org.quench.engine.SecretVault;
import org.quench.history.RunRecord;
import org.quench.history.RunRecordJournal;
import org.quench.inventory.Host;
import org.quench.notify.Alert;
import org.quench.notify.AlertConfig;
import org.quench.notify.AlertState;
import org.quench.notify.Changes;
import org.quench.notify.EmailAlert;
import org.quench.notify.WebhookAlert;
import org.quench.report.ConsoleReporter;
import org.quench.report.JUnitReportWriter;
import org.quench.report.JsonReportWriter;
import org.quench.report.Recap;
import org.quench.report.RunReport;
import org.quench.report.Style;
import org.quench.runbook.Runbook;
import org.quench.runbook.Stage;
import org.quench.runbook.Step;
import org.quench.runbook.StepKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code quench audit NAME}: runs the read-only runbook {@code audit-NAME} on the selected hosts in
 * parallel, prints one verdict per host × check, writes {@code --json}/{@code --junit}, and with
 * {@code --notify} alerts by email and/or webhook when the findings changed since the last alert
 * for the same selection. Exit 0 clean, 1 findings, 3 a host could not be audited or an alert
 * could not be delivered (the audit result is printed and written first either way).
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Run a read-only audit on hosts: quench audit trusted-relays [-l PATTERN].",
                "Exit 0 clean, 1 findings, 3 a host could not be audited or an alert failed."})
public final class AuditCommand implements Callable<Integer> {
    static final Set<String> CHANNELS = Set.of("email", "webhook");
    private static final Duration ALERT_TIMEOUT = Duration.ofSeconds(20);

    @Parameters(index = "0", paramLabel = "AUDIT", description = "The audit: trusted-relays (runs runbooks/audit-AUDIT.yml).")
    String audit;

    @Mixin InventoryOptions inventoryOptions;
    @Mixin ConnectionOptions connectionOptions;
    @Mixin ReportOptions reportOptions;

    @Option(names = {"-e", "--extra-vars"}, paramLabel = "KEY=VALUE",
            description = "Audit parameter, e.g. queue_threshold=500, relay_threshold=1000, max_prefix_v4=22 (repeatable).")
    Map<String, String> extraVars = new LinkedHashMap<>();

    @Option(names = "--since", paramLabel = "DURATION", description = "Window for relayed volume (default 1h).")
    String since;

    @Option(names = "--notify", arity = "0..1", split = ",", paramLabel = "CHANNEL", fallbackValue = "configured",
            description = {"Alert when findings change since the last alert: email, webhook (comma-separated;",
                    "alone: every configured channel). Add `always` to alert on every run."})
    List<String> notify = new ArrayList<>();

    @Option(names = "--alerts-config", paramLabel = "FILE",
            description = "YAML file with `alerts: {email: {...}, webhook: {url: ...}}` (default: the inventory var `alerts`).")
    Path alertsConfig;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!audit.matches("[a-z0-9][a-z0-9-]*")) throw UserError.usage("unknown audit `" + audit + "` (try trusted-relays)");
        Workbench bench = new Workbench(true);
        Path file = Locations.runbook("audit-" + audit);
        Runbook runbook = bench.loadRunbook(file);
        refuseChanges(runbook);
        Map<String, String> given = new LinkedHashMap<>(extraVars);
        if (since != null) given.put("since", since);
        Map<String, Object> params = bench.bindParams(runbook, given);
        List<Host> hosts = bench.selectHosts(inventoryOptions);
        boolean always = notify.remove("always");
        Set<String> channels = new LinkedHashSet<>(notify);
        AlertConfig alerts = channels.isEmpty() && !always ? null : alertConfig(hosts);
        if (always && channels.isEmpty()) channels.add("configured");
        if (channels.remove("configured")) {
            if (alerts.email() != null) channels.add("email");
            if (alerts.webhook() != null) channels.add("webhook");
            if (channels.isEmpty()) throw UserError.usage("--notify: no alert channel configured (alerts.email or alerts.webhook)");
        }
        for (String c : channels) {
            if (!CHANNELS.contains(c)) throw UserError.usage("--notify: unknown channel `" + c + "` (email, webhook, always)");
            if (c.equals("email") && alerts.email() == null) throw UserError.usage("--notify email: no alerts.email configured");
            if (c.equals("webhook") && alerts.webhook() == null) throw UserError.usage("--notify webhook: no alerts.webhook configured");
        }

        String runId = RunRecords.newId();
        // Recorded like a run (meta.json: who, when, what, which hosts), so `quench history` lists audits too.
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        RunRecords.Started started = RunRecords.start(runId, args, runbook, inventoryOptions, hosts, true, params);
        RunRecord record = started.record();
        String finalStatus = "failed";
        int finalExit = ExitCodes.EXECUTION;
        Thread interrupted = started.markInterruptedOnSignal();
        Style style = Style.detect();
        try (PrintStream out = record.tee(System.out)) {
            Engine engine = bench.engine(connectionOptions, new ConsoleReporter(out, style, hosts.size()), new SecretVault(),
                    new RunRecordJournal(record));
            out.println(style.bold("quench audit " + audit) + " — run " + runId + ", " + hosts.size() + " host(s), read-only");
            // Plan mode: an action could only be planned, never run (the loader refuses them already).
            RunReport report = engine.run(runbook, params, hosts,
                    new RunOptions(runId, true, RunMode.PLAN, connectionOptions.forks(), bench.commandTimeout(connectionOptions), null));
            List<AuditCheck> checks = AuditChecks.of(report);
            int exit = AuditChecks.exitCode(checks);
            new Recap(out, style).printRecap(report);
            out.println(style.bold("AUDIT " + audit));
            out.print(AuditTable.render(checks));
            record.write("report.json", JsonReportWriter.toJson(report) + "\n");
            if (reportOptions.json != null) JsonReportWriter.write(report, reportOptions.json);
            if (reportOptions.junit != null) JUnitReportWriter.write(junit(runbook.name(), report, checks), reportOptions.junit);
            if (!channels.isEmpty()) {
                AlertState state = new AlertState(Locations.home(), runbook.name(),
                        Locations.inventory(inventoryOptions.inventory).toAbsolutePath().normalize().toString(), inventoryOptions.limit);
                if (!notifyAll(out, channels, alerts, state, always, new Alert(runId, runbook.name(), exit, null, checks))) {
                    exit = ExitCodes.EXECUTION;
                }
            }
            out.println(style.dim("run record: " + record.dir()));
            finalStatus = auditStatus(exit);
            finalExit = exit;
            return exit;
        } finally {
            started.finish(finalStatus, finalExit, interrupted);
        }
    }

    /** The record's status in the words `quench history` uses for runs. */
    private static String auditStatus(int exit) {
        return switch (exit) {
            case ExitCodes.OK -> "ok";
            case ExitCodes.FINDINGS -> "findings";
            default -> "failed";
        };
    }

    /** Fails closed: an audit runbook must not be able to change a host, whatever its file says. */
    private static void refuseChanges(Runbook runbook) {
        List<Step> all = new ArrayList<>();
        for (Stage s : runbook.stages()) all.addAll(s.steps());
        all.addAll(runbook.post().always());
        all.addAll(runbook.post().success());
        all.addAll(runbook.post().failure());
        for (Step s : all) {
            if (s.kind() != StepKind.CHECK && s.kind() != StepKind.VERIFY) {
                throw UserError.usage(runbook.source() + ": step `" + s.name() + "` is not a check: an audit runbook must be read-only");
            }
        }
    }

    private AlertConfig alertConfig(List<Host> hosts) {
        try {
            if (alertsConfig != null) {
                Map<?, ?> doc;
                try {
                    doc = new ObjectMapper(new YAMLFactory()).readValue(alertsConfig.toFile(), Map.class);
                } catch (IOException e) {
                    throw UserError.usage("--alerts-config " + alertsConfig + ": " + e.getMessage().lines().findFirst().orElse(""));
                }
                return AlertConfig.from(doc == null ? null : doc.get("alerts"));
            }
            // One alert for the whole run: every selected host must carry the same settings.
            Object first = hosts.isEmpty() ? null : hosts.get(0).vars().get("alerts");
            for (Host h : hosts) {
                if (!Objects.equals(first, h.vars().get("alerts"))) {
                    throw UserError.usage("hosts " + hosts.get(0).name() + " and " + h.name() + " have different `alerts` settings:"
                            + " set them once under all: vars:, or use --alerts-config");
                }
            }
            return AlertConfig.from(first);
        } catch (IllegalArgumentException e) {
            throw UserError.usage(e.getMessage());
        }
    }

    /**
     * Per channel: compare with what that channel last delivered, send when something changed (or
     * always), and remember the new state only once delivered, so a failed alert is retried next run.
     */
    private static boolean notifyAll(PrintStream out, Set<String> channels, AlertConfig config, AlertState state,
                                     boolean always, Alert base) {
        boolean ok = true;
        for (String channel : channels) {
            try {
                Map<String, Set<String>> before = state.load(channel);
                Changes changes = Changes.between(before, base.checks());
                if (!always && !changes.any()) {
                    out.println("notify " + channel + ": nothing changed since the last alert, not sent");
                    continue;
                }
                Alert alert = new Alert(base.runId(), base.runbook(), base.exitCode(), changes, base.checks());
                if (channel.equals("email")) {
                    new EmailAlert(config.email(), ALERT_TIMEOUT).send(alert);
                    out.println("notify email: sent to " + String.join(", ", config.email().to()));
                } else {
                    new WebhookAlert(config.webhook(), ALERT_TIMEOUT).send(alert);
                    out.println("notify webhook: posted to " + config.webhook().url().getHost());
                }
                state.save(channel, Changes.state(base.checks()));
            } catch (Exception e) {
                if (e instanceof InterruptedException) Thread.currentThread().interrupt();
                ok = false;
                String why = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
                if (e.getCause() != null && e.getCause().getMessage() != null) why += " (" + e.getCause().getMessage() + ")";
                System.err.println("quench: notify " + channel + " failed: " + why
                        + " (the audit result above stands; the alert will be retried on the next run)");
            }
        }
        return ok;
    }

    private static String junit(String runbook, RunReport report, List<AuditCheck> checks) {
        List<JUnitReportWriter.TestCase> cases = new ArrayList<>();
        for (AuditCheck c : checks) {
            String cls = runbook + "." + c.host();
            cases.add(switch (c.status()) {
                case AuditCheck.ERROR -> new JUnitReportWriter.TestCase(cls, c.check(), 0, null, null, c.summary(), false);
                case AuditCheck.FAIL -> new JUnitReportWriter.TestCase(cls, c.check(), 0, c.summary(),
                        String.join("\n", c.items().stream().map(AuditCheck.Item::text).toList()), null, false);
                default -> JUnitReportWriter.TestCase.passed(cls, c.check());
            });
        }
        return JUnitReportWriter.toXml("quench." + runbook, report.startedAt(), cases);
    }
}

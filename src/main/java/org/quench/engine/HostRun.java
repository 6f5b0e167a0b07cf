package org.quench.engine;

import org.quench.inventory.Host;
import org.quench.report.HostReport;
import org.quench.report.StepRecord;
import org.quench.runbook.Runbook;
import org.quench.runbook.Stage;
import org.quench.runbook.Step;
import org.quench.runbook.StepKind;
import org.quench.transport.TransportException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One host from connection to recap: connect once, take the host lock when this run will change
 * things, run the stages and post blocks, release the lock, and sum the host up.
 */
final class HostRun {
    private final Host host;
    private final Runbook runbook;
    private final Map<String, Object> params;
    private final StageSequence sequence;
    private final TransportOpener opener;
    private final RunOptions options;
    private final ProgressListener listener;
    private final String who;
    private final RunJournal journal;
    private final SecretVault vault;

    HostRun(Host host, Runbook runbook, Map<String, Object> params, StageSequence sequence, TransportOpener opener,
            RunOptions options, ProgressListener listener, String who, RunJournal journal, SecretVault vault) {
        this.journal = journal;
        this.vault = vault;
        this.host = host;
        this.runbook = runbook;
        this.params = params;
        this.sequence = sequence;
        this.opener = opener;
        this.options = options;
        this.listener = listener;
        this.who = who;
    }

    HostReport run() {
        listener.hostStarted(host.name());
        Invocation inv = sequence.start(runbook, host, params);
        HostContext hc = new HostContext(host, inv.secrets(), opener, journal, vault);
        try {
            org.quench.transport.Transport connection;
            try {
                connection = hc.transport();
            } catch (TransportException e) {
                return finish(hc, unreached(), Outcome.FAILED, host.name() + ": connect: " + e.getMessage());
            }
            HostLock lock = null;
            if (options.mode() == RunMode.APPLY && changesThings(runbook)) {
                lock = new HostLock(connection, host.var("lock_dir"), options.runId());
                String refused;
                try {
                    refused = lock.acquire(who);
                } catch (TransportException e) {
                    refused = "could not take the host lock: " + e.getMessage();
                }
                if (refused != null) {
                    return finish(hc, unreached(), Outcome.FAILED, host.name() + ": lock: " + refused);
                }
            }
            StepOutcome o = sequence.run(hc, inv, true);
            if (lock != null && hc.reconnectForCleanup()) {
                try {
                    new HostLock(hc.transport(), lock.dir(), options.runId()).release();
                } catch (TransportException e) {
                    String msg = host.name() + ": unlock: " + e.getMessage() + " (remove " + lock.dir() + " on the host)";
                    return finish(hc, o.records(), Outcome.FAILED, o.error() == null ? msg : o.error());
                }
            }
            return finish(hc, o.records(), o.outcome(), o.error());
        } finally {
            hc.closeQuietly();
        }
    }

    private HostReport finish(HostContext hc, List<StepRecord> records, Outcome outcome, String error) {
        String status = switch (outcome) {
            case FAILED -> HostReport.FAILED;
            case UNSTABLE -> HostReport.UNSTABLE;
            case PENDING -> hc.pendingStatus();
            case OK -> {
                String s = StageSequence.summarise(records);
                yield StepRecord.CHANGED.equals(s) ? HostReport.CHANGED
                        : StepRecord.PLANNED.equals(s) ? HostReport.PLANNED : HostReport.OK;
            }
        };
        HostReport report = new HostReport(host.name(), status, hc.findings.asMap(), records, error);
        listener.hostFinished(report);
        return report;
    }

    /** Every step of a host that could not be reached, recorded as skipped so the report is complete. */
    private List<StepRecord> unreached() {
        List<StepRecord> out = new ArrayList<>();
        for (Stage stage : runbook.stages()) {
            for (Step step : stage.steps()) {
                out.add(StepRunner.record(stage.name(), step, StepRecord.SKIPPED, null, null, 0, "not run: host not reached", null));
            }
        }
        return out;
    }

    /** Actions anywhere, or a sub-runbook (which may hold actions): the host must be locked. */
    static boolean changesThings(Runbook rb) {
        List<Step> all = new ArrayList<>();
        rb.stages().forEach(s -> all.addAll(s.steps()));
        all.addAll(rb.post().always());
        all.addAll(rb.post().success());
        all.addAll(rb.post().failure());
        return all.stream().anyMatch(s -> s.kind() == StepKind.ACTION || s.kind() == StepKind.RUNBOOK);
    }
}

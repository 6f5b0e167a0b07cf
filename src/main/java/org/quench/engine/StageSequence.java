package org.quench.engine;

import org.quench.expr.ExpressionEngine;
import org.quench.expr.ExpressionException;
import org.quench.expr.Template;
import org.quench.inventory.Host;
import org.quench.report.StepRecord;
import org.quench.runbook.Runbook;
import org.quench.runbook.SecretSpec;
import org.quench.runbook.Stage;
import org.quench.runbook.Step;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a runbook's stages and post blocks on one host, Jenkins-style: after a failure the
 * remaining steps are recorded as skipped, {@code post.always} runs whatever happened (after
 * reconnecting if the connection died), then {@code post.success} or {@code post.failure}.
 * Sub-runbooks recurse through here with a scope of their own.
 */
final class StageSequence implements StepRunner.SubRunbooks {
    private static final int MAX_DEPTH = 8;

    private final StepRunner steps;
    private final ExpressionEngine expr;
    private final SecretVault vault;
    private final RunbookResolver resolver;
    private final Engine.SubRunbookParamBinder params;
    private final ProgressListener listener;
    private final RunOptions options;
    private int depth;

    StageSequence(StepRunner steps, ExpressionEngine expr, SecretVault vault, RunbookResolver resolver,
                  Engine.SubRunbookParamBinder params, ProgressListener listener, RunOptions options) {
        this.steps = steps;
        this.expr = expr;
        this.vault = vault;
        this.resolver = resolver;
        this.params = params;
        this.listener = listener;
        this.options = options;
        steps.setSubRunbooks(this);
    }

    Invocation start(Runbook runbook, Host host, Map<String, Object> paramValues) {
        Map<String, String> secrets = new LinkedHashMap<>();
        for (SecretSpec s : runbook.secrets().values()) {
            secrets.put(s.name(), vault.generate(s.length()));
        }
        Map<String, Object> scope = new LinkedHashMap<>(paramValues);
        scope.put("params", java.util.Collections.unmodifiableMap(new LinkedHashMap<>(paramValues)));
        Map<String, Object> hostInfo = new LinkedHashMap<>();
        hostInfo.put("name", host.name());
        hostInfo.put("address", host.address());
        hostInfo.put("groups", host.groups());
        hostInfo.put("vars", host.vars());
        scope.put("host", hostInfo);
        scope.put("vars", host.vars());
        scope.put("run", Map.of("id", options.runId(), "dryRun", options.mode() == RunMode.PLAN));
        return new Invocation(runbook, scope, secrets);
    }

    StepOutcome run(HostContext hc, Invocation inv, boolean topLevel) {
        List<StepRecord> records = new ArrayList<>();
        Outcome outcome = Outcome.OK;
        String error = null;
        for (Stage stage : inv.runbook().stages()) {
            if (topLevel) listener.stageStarted(hc.host.name(), stage.name());
            for (Step step : stage.steps()) {
                if (outcome.stops()) {
                    records.add(StepRunner.record(stage.name(), step, StepRecord.SKIPPED, null, null, 0,
                            "not run: an earlier step " + (outcome == Outcome.FAILED ? "failed" : "did not verify"), null));
                    continue;
                }
                StepOutcome o = steps.run(hc, stage.name(), step, inv);
                add(hc, records, o.records(), topLevel);
                outcome = outcome.worst(o.outcome());
                if (o.error() != null) error = o.error();
            }
        }
        // post.always runs even after a lost connection: releasing holds and locks matters most then.
        boolean reachable = hc.reconnectForCleanup();
        StepOutcome always = runPost(hc, inv, "post:always", inv.runbook().post().always(), reachable, topLevel);
        List<Step> next = !outcome.stops() ? inv.runbook().post().success() : inv.runbook().post().failure();
        String nextName = !outcome.stops() ? "post:success" : "post:failure";
        StepOutcome after = runPost(hc, inv, nextName, next, reachable && !hc.isBroken(), topLevel);
        records.addAll(always.records());
        records.addAll(after.records());
        for (StepOutcome p : List.of(always, after)) {
            if (p.outcome() != Outcome.OK) {
                outcome = outcome.worst(p.outcome());
                if (error == null) error = p.error();
            }
        }
        return new StepOutcome(records, outcome, error);
    }

    private StepOutcome runPost(HostContext hc, Invocation inv, String name, List<Step> post, boolean reachable, boolean topLevel) {
        List<StepRecord> records = new ArrayList<>();
        Outcome outcome = Outcome.OK;
        String error = null;
        if (!post.isEmpty() && topLevel) listener.stageStarted(hc.host.name(), name);
        for (Step step : post) {
            if (!reachable || hc.isBroken()) {
                StepRecord r = StepRunner.record(name, step, StepRecord.SKIPPED, null, null, 0, "not run: host unreachable", null);
                add(hc, records, List.of(r), topLevel);
                continue;
            }
            // Each post step runs even when an earlier post step failed: they are independent cleanups.
            StepOutcome o = steps.run(hc, name, step, inv);
            add(hc, records, o.records(), topLevel);
            outcome = outcome.worst(o.outcome());
            if (o.error() != null && error == null) error = o.error();
        }
        return new StepOutcome(records, outcome, error);
    }

    private void add(HostContext hc, List<StepRecord> into, List<StepRecord> records, boolean topLevel) {
        into.addAll(records);
        if (topLevel) records.forEach(r -> listener.stepFinished(hc.host.name(), r));
    }

    @Override
    public StepRunner.Single run(HostContext hc, String stage, Step step, Map<String, Object> scope, String item)
            throws ExpressionException {
        long started = System.nanoTime();
        Runbook sub;
        Map<String, Object> values;
        try {
            if (depth >= MAX_DEPTH) {
                throw new IllegalStateException("sub-runbooks nested deeper than " + MAX_DEPTH + " (a cycle?)");
            }
            sub = resolver.resolve(step.runbookRef());
            Map<String, Object> given = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : step.with().entrySet()) {
                given.put(e.getKey(), Template.parse(e.getValue()).renderValue(expr, scope));
            }
            values = params.bind(sub, given);
        } catch (ExpressionException e) {
            throw e;
        } catch (Exception e) {
            String message = step.pos() + ": runbook " + step.runbookRef() + ": " + e.getMessage();
            StepRecord r = StepRunner.record(stage, step, StepRecord.FAILED, null, null, 0, message, item);
            return StepRunner.subResult(r, StepResult.of(StepRecord.FAILED), Outcome.FAILED,
                    hc.host.name() + ":" + step.name() + ": " + message);
        }
        Invocation inv = start(sub, hc.host, values);
        Findings before = new Findings();
        before.putAll(hc.findings.asMap());
        depth++;
        StepOutcome o;
        Map<String, Object> subFindings;
        try {
            o = run(hc, inv, false);
            subFindings = diff(before.asMap(), hc.findings.asMap());
        } finally {
            depth--;
        }
        String status = switch (o.outcome()) {
            case OK -> summarise(o.records());
            case PENDING -> StepRecord.PENDING;
            default -> StepRecord.FAILED;
        };
        long ms = (System.nanoTime() - started) / 1_000_000;
        StepRecord r = new StepRecord(stage, step.name(), step.kind().jsonName(), status, null, null, ms,
                o.error(), item, o.records(), subFindings);
        return StepRunner.subResult(r, StepResult.of(status), o.outcome(), o.error());
    }

    /** What the sub-runbook added to the host's findings. */
    private static Map<String, Object> diff(Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> out = new LinkedHashMap<>();
        after.forEach((k, v) -> {
            if (!before.containsKey(k) || !before.get(k).equals(v)) out.put(k, v);
        });
        return out;
    }

    /** A sub-runbook counts as changed if any of its actions ran, planned if any was planned. */
    static String summarise(List<StepRecord> records) {
        boolean changed = false;
        boolean planned = false;
        for (StepRecord r : records) {
            String s = r.steps().isEmpty() ? r.status() : summarise(r.steps());
            changed |= StepRecord.CHANGED.equals(s);
            planned |= StepRecord.PLANNED.equals(s);
        }
        return changed ? StepRecord.CHANGED : planned ? StepRecord.PLANNED : StepRecord.OK;
    }
}

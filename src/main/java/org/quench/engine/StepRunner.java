package org.quench.engine;

import org.quench.expr.ExpressionEngine;
import org.quench.expr.ExpressionException;
import org.quench.expr.Template;
import org.quench.report.StepRecord;
import org.quench.runbook.SecretSpec;
import org.quench.runbook.Step;
import org.quench.runbook.StepKind;
import org.quench.transport.ExecResult;
import org.quench.transport.TransportException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one step on one host: {@code when}, {@code foreach}, the kind's behaviour, retries,
 * {@code register}, {@code set} and {@code findings}. Actions go through the {@link ActionGate};
 * nothing here decides on its own that an action may run.
 */
final class StepRunner {
    private static final int MESSAGE_LIMIT = 600;

    private final ExpressionEngine expr;
    private final SecretVault vault;
    private final ActionGate gate;
    private final RunOptions options;
    private final ModuleRegistry modules;
    private SubRunbooks subRunbooks;

    StepRunner(ExpressionEngine expr, SecretVault vault, ActionGate gate, RunOptions options, ModuleRegistry modules) {
        this.expr = expr;
        this.vault = vault;
        this.gate = gate;
        this.options = options;
        this.modules = modules;
    }

    void setSubRunbooks(SubRunbooks subRunbooks) {
        this.subRunbooks = subRunbooks;
    }

    StepOutcome run(HostContext hc, String stage, Step step, Invocation inv) {
        Map<String, Object> scope = inv.scope();
        try {
            if (step.when() != null && !expr.test(step.when(), scope)) {
                StepRecord r = record(stage, step, StepRecord.SKIPPED, null, null, 0, "when: " + step.when() + " is false", null);
                register(step, scope, StepResult.of(StepRecord.SKIPPED));
                return new StepOutcome(List.of(r), Outcome.OK, null);
            }
        } catch (ExpressionException | RuntimeException e) {
            return expressionFailure(hc, stage, step, "when", e);
        }

        StepOutcome outcome;
        if (step.foreach() != null) {
            outcome = runForeach(hc, stage, step, inv);
        } else {
            Single single = runOnce(hc, stage, step, inv, scope, null);
            register(step, scope, single.result);
            outcome = new StepOutcome(List.of(single.record), single.outcome, single.error);
        }
        if (outcome.outcome() == Outcome.FAILED) return outcome;
        try {
            for (Map.Entry<String, String> e : step.set().entrySet()) {
                scope.put(e.getKey(), expr.evaluate(e.getValue(), scope));
            }
            for (Map.Entry<String, String> e : step.findings().entrySet()) {
                hc.findings.put(e.getKey(), expr.evaluate(e.getValue(), scope));
            }
        } catch (ExpressionException | RuntimeException e) {
            StepOutcome failed = expressionFailure(hc, stage, step, "set/findings", e);
            List<StepRecord> all = new ArrayList<>(outcome.records());
            all.addAll(failed.records());
            return new StepOutcome(all, Outcome.FAILED, failed.error());
        }
        return outcome;
    }

    private StepOutcome runForeach(HostContext hc, String stage, Step step, Invocation inv) {
        List<?> items;
        try {
            items = asList(expr.evaluate(step.foreach(), inv.scope()));
        } catch (ExpressionException | RuntimeException e) {
            return expressionFailure(hc, stage, step, "foreach", e);
        }
        String var = step.as() == null ? "item" : step.as();
        List<StepRecord> records = new ArrayList<>();
        List<Object> results = new ArrayList<>();
        Outcome outcome = Outcome.OK;
        String error = null;
        for (Object item : items) {
            if (outcome != Outcome.OK) break;
            Map<String, Object> itemScope = new HashMap<>(inv.scope());
            itemScope.put(var, item);
            Single s = runOnce(hc, stage, step, inv, itemScope, vault.mask(String.valueOf(item)));
            records.add(s.record);
            results.add(s.result);
            outcome = outcome.worst(s.outcome);
            if (s.error != null) error = s.error;
        }
        if (items.isEmpty()) {
            records.add(record(stage, step, StepRecord.SKIPPED, null, null, 0, "foreach: no items", null));
        }
        String status = records.stream().anyMatch(StepRecord::failed) ? StepRecord.FAILED
                : results.isEmpty() ? StepRecord.SKIPPED : records.get(records.size() - 1).status();
        register(step, inv.scope(), new StepResult(status, "", "", 0, results));
        return new StepOutcome(records, outcome, error);
    }

    /** One execution of a step's body (one foreach item, or the step itself). */
    record Single(StepRecord record, Object result, Outcome outcome, String error) {
    }

    private Single runOnce(HostContext hc, String stage, Step step, Invocation inv, Map<String, Object> scope, String item) {
        try {
            if (step.uses() != null) return runModule(hc, stage, step, inv, scope, item);
            return switch (step.kind()) {
                case CHECK -> step.command() == null
                        ? ok(record(stage, step, StepRecord.OK, null, null, 0, null, item))
                        : runCommand(hc, stage, step, inv, scope, item, false);
                case ACTION -> runCommand(hc, stage, step, inv, scope, item, true);
                case VERIFY -> verify(hc, stage, step, scope, item);
                case APPROVE -> approve(stage, step, scope, item);
                case RUNBOOK -> subRunbooks.run(hc, stage, step, scope, item);
            };
        } catch (ExpressionException | RuntimeException e) {
            StepOutcome f = expressionFailure(hc, stage, step, "template", e);
            return new Single(f.records().get(0), StepResult.of(StepRecord.FAILED), Outcome.FAILED, f.error());
        }
    }

    private static Single ok(StepRecord r) {
        return new Single(r, StepResult.of(r.status()), Outcome.OK, null);
    }

    private Single runCommand(HostContext hc, String stage, Step step, Invocation inv, Map<String, Object> scope,
                              String item, boolean isAction) throws ExpressionException {
        String command = Template.parse(step.command()).renderShell(expr, scope);
        Map<String, Object> withSecrets = new HashMap<>(scope);
        withSecrets.put("secrets", inv.secrets());
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : step.env().entrySet()) {
            env.put(e.getKey(), Template.parse(e.getValue()).renderPlain(expr, withSecrets));
        }
        String stdin = step.stdin() == null ? null : Template.parse(step.stdin()).renderPlain(expr, withSecrets);
        String shown = vault.mask(command);
        if (vault.leaksInto(command)) {
            return failed(hc, stage, step, shown, item, "refused: a secret value would appear in the command line; "
                    + "pass it with stdin: or env: instead");
        }
        RemoteCommand rc;
        try {
            rc = RemoteCommand.of(command, env, stdin);
        } catch (IllegalArgumentException e) {
            return failed(hc, stage, step, shown, item, "refused: " + e.getMessage());
        }
        if (isAction) {
            switch (gate.decide(hc.host.name(), shown)) {
                case PLAN -> {
                    StepRecord r = record(stage, step, StepRecord.PLANNED, shown, null, 0, describeInputs(env, stdin), item);
                    return new Single(r, StepResult.of(StepRecord.PLANNED), Outcome.OK, null);
                }
                case REFUSE -> {
                    return failed(hc, stage, step, shown, item,
                            "refused: this command was not in the plan you confirmed (the host changed since); run again to see the new plan");
                }
                case EXECUTE -> { /* below */ }
            }
        }
        Single s = execute(hc, stage, step, shown, rc, item, isAction);
        if (isAction && s.outcome == Outcome.OK) {
            List<Object> used = new ArrayList<>(env.values());
            if (stdin != null) used.add(stdin);
            revealUsedSecrets(hc, inv, used);
        }
        return s;
    }

    /** Which run of which runbook a secret belongs to, e.g. "remediate-account user=bob@example.test". */
    private static String describe(Invocation inv) {
        StringBuilder sb = new StringBuilder(inv.runbook().name());
        if (inv.scope().get("params") instanceof Map<?, ?> params) {
            params.forEach((k, v) -> {
                if (v instanceof String text && text.length() <= 80) sb.append(' ').append(k).append('=').append(text);
            });
        }
        return sb.toString();
    }

    /**
     * A secret that an executed action used (a new password now set on the host) is shown to the
     * engineer once at the end, if its declaration says reveal.
     */
    private void revealUsedSecrets(HostContext hc, Invocation inv, java.util.Collection<?> inputs) {
        for (SecretSpec spec : inv.runbook().secrets().values()) {
            String value = inv.secrets().get(spec.name());
            if (!spec.reveal() || value == null) continue;
            for (Object input : inputs) {
                if (input != null && String.valueOf(input).contains(value)) {
                    vault.markForReveal(hc.host.name(), spec.name() + " (" + describe(inv) + ")", value);
                    break;
                }
            }
        }
    }

    /**
     * A built-in step type. Its arguments are rendered, it names its exact commands, and an action
     * goes through the same gate as a shell action: planned in a dry run, refused outside a
     * confirmed plan.
     */
    private Single runModule(HostContext hc, String stage, Step step, Invocation inv, Map<String, Object> scope,
                             String item) throws ExpressionException {
        StepModule module = modules.get(step.uses());
        Map<String, Object> withSecrets = new HashMap<>(scope);
        withSecrets.put("secrets", inv.secrets());
        Map<String, Object> args = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : step.with().entrySet()) {
            args.put(e.getKey(), Template.parse(e.getValue()).renderValue(expr, withSecrets));
        }
        ModuleCall call;
        try {
            call = module.prepare(hc.host, args);
        } catch (IllegalArgumentException e) {
            return failed(hc, stage, step, null, item, step.uses() + ": " + vault.mask(e.getMessage()));
        }
        List<String> lines = call.commands().stream().map(ModuleCall.PlannedCommand::toString).toList();
        String shown = lines.isEmpty() ? null : vault.mask(String.join("\n", lines));
        boolean isAction = step.kind() == StepKind.ACTION;
        if (isAction) {
            switch (gate.decide(hc.host.name(), shown == null ? step.uses() : shown)) {
                case PLAN -> {
                    StepRecord r = record(stage, step, StepRecord.PLANNED, shown == null ? step.uses() : shown, null, 0, null, item);
                    return new Single(r, StepResult.of(StepRecord.PLANNED), Outcome.OK, null);
                }
                case REFUSE -> {
                    return failed(hc, stage, step, shown, item,
                            "refused: this command was not in the plan you confirmed (the host changed since); run again to see the new plan");
                }
                case EXECUTE -> { /* below */ }
            }
        }
        long started = System.nanoTime();
        Duration timeout = step.timeout() != null ? step.timeout() : options.defaultTimeout();
        String message;
        try {
            Object value = call.execute(new HostModuleContext(hc, vault, timeout));
            long ms = (System.nanoTime() - started) / 1_000_000;
            String status = isAction ? StepRecord.CHANGED : StepRecord.OK;
            if (isAction) revealUsedSecrets(hc, inv, args.values());
            StepRecord r = record(stage, step, status, shown, null, ms, null, item);
            Object registered = value == null ? StepResult.of(status) : value;
            return new Single(r, registered, Outcome.OK, null);
        } catch (ModuleFailure e) {
            message = vault.mask(e.getMessage());
        } catch (TransportException e) {
            message = vault.mask(e.getMessage());
            if (e.reason() != TransportException.Reason.TIMEOUT) hc.markBroken(e);
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        StepRecord r = record(stage, step, StepRecord.FAILED, shown, null, ms, message, item);
        if (step.ignoreErrors() && !hc.isBroken()) {
            r = record(stage, step, StepRecord.FAILED, shown, null, ms, message + " (ignored)", item);
            return new Single(r, StepResult.of(StepRecord.FAILED), Outcome.OK, null);
        }
        return new Single(r, StepResult.of(StepRecord.FAILED), Outcome.FAILED, hc.host.name() + ":" + step.name() + ": " + message);
    }

    private static String describeInputs(Map<String, String> env, String stdin) {
        List<String> parts = new ArrayList<>();
        if (!env.isEmpty()) parts.add("env: " + String.join(", ", env.keySet()));
        if (stdin != null) parts.add("stdin: " + stdin.length() + " characters (not shown)");
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    private Single execute(HostContext hc, String stage, Step step, String shown, RemoteCommand rc, String item, boolean isAction) {
        Duration timeout = step.timeout() != null ? step.timeout() : options.defaultTimeout();
        int attempts = 1 + Math.max(0, step.retry());
        ExecResult last = null;
        String lastError = null;
        long started = System.nanoTime();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                last = hc.transport().exec(rc.wire(), rc.stdin(), timeout);
                lastError = null;
                if (last.exitCode() == 0) break;
                lastError = "exit " + last.exitCode() + tail(last.stderr().isBlank() ? last.stdout() : last.stderr());
            } catch (TransportException e) {
                last = null;
                lastError = e.getMessage();
                if (e.reason() != TransportException.Reason.TIMEOUT) {
                    hc.markBroken(e);
                    break;
                }
            }
            if (attempt < attempts && step.retryDelay() != null && !step.retryDelay().isZero()) {
                try {
                    Thread.sleep(step.retryDelay().toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        Integer exit = last == null ? null : last.exitCode();
        StepResult result = last == null ? new StepResult(StepRecord.FAILED, "", vault.mask(lastError), -1, null)
                : new StepResult(last.exitCode() == 0 ? (isAction ? StepRecord.CHANGED : StepRecord.OK) : StepRecord.FAILED,
                vault.mask(last.stdout()), vault.mask(last.stderr()), last.exitCode(), null);
        if (lastError == null) {
            return new Single(record(stage, step, result.getStatus(), shown, exit, ms, null, item), result, Outcome.OK, null);
        }
        String message = vault.mask(lastError);
        if (step.ignoreErrors() && !hc.isBroken()) {
            return new Single(record(stage, step, StepRecord.FAILED, shown, exit, ms, message + " (ignored)", item),
                    result, Outcome.OK, null);
        }
        return new Single(record(stage, step, StepRecord.FAILED, shown, exit, ms, message, item), result,
                Outcome.FAILED, hc.host.name() + ":" + step.name() + ": " + message);
    }

    private Single verify(HostContext hc, String stage, Step step, Map<String, Object> scope, String item) throws ExpressionException {
        long started = System.nanoTime();
        boolean holds = expr.test(step.assertion(), scope);
        long ms = (System.nanoTime() - started) / 1_000_000;
        if (holds) {
            return ok(record(stage, step, StepRecord.OK, null, null, ms, null, item));
        }
        String message = step.message() == null ? "verify failed: " + step.assertion()
                : vault.mask(Template.parse(step.message()).renderPlain(expr, scope));
        if (step.pendingStatus() != null) {
            // Not an error: reported with its own status, and the steps after it still run.
            hc.pending(step.pendingStatus());
            StepRecord r = record(stage, step, StepRecord.PENDING, null, null, ms, message, item);
            return new Single(r, StepResult.of(StepRecord.PENDING), Outcome.PENDING, null);
        }
        StepRecord r = record(stage, step, StepRecord.FAILED, null, null, ms, message, item);
        return new Single(r, StepResult.of(StepRecord.FAILED), Outcome.UNSTABLE, hc.host.name() + ":" + step.name() + ": " + message);
    }

    private Single approve(String stage, Step step, Map<String, Object> scope, String item) throws ExpressionException {
        String message = step.message() == null ? step.name() : vault.mask(Template.parse(step.message()).renderPlain(expr, scope));
        if (gate.mode() == RunMode.APPLY) {
            String how = options.approvedPlan() == null ? "approved by --yes" : "approved with the plan";
            return ok(record(stage, step, StepRecord.OK, null, null, 0, message + " (" + how + ")", item));
        }
        return ok(record(stage, step, StepRecord.PLANNED, null, null, 0, message, item));
    }

    private Single failed(HostContext hc, String stage, Step step, String shown, String item, String message) {
        StepRecord r = record(stage, step, StepRecord.FAILED, shown, null, 0, message, item);
        return new Single(r, StepResult.of(StepRecord.FAILED), Outcome.FAILED, hc.host.name() + ":" + step.name() + ": " + message);
    }

    private StepOutcome expressionFailure(HostContext hc, String stage, Step step, String where, Exception e) {
        String message = vault.mask(step.pos() + ": " + where + ": " + e.getMessage());
        StepRecord r = record(stage, step, StepRecord.FAILED, null, null, 0, message, null);
        return new StepOutcome(List.of(r), Outcome.FAILED, hc.host.name() + ":" + step.name() + ": " + message);
    }

    private static void register(Step step, Map<String, Object> scope, Object result) {
        if (step.register() != null) scope.put(step.register(), result);
    }

    static StepRecord record(String stage, Step step, String status, String command, Integer exit, long ms,
                             String message, String item) {
        return new StepRecord(stage, step.name(), step.kind().jsonName(), status, command, exit, ms, message, item,
                List.of(), Map.of());
    }

    private static String tail(String output) {
        String s = output == null ? "" : output.strip();
        if (s.isEmpty()) return "";
        if (s.length() > MESSAGE_LIMIT) s = "…" + s.substring(s.length() - MESSAGE_LIMIT);
        return ": " + s;
    }

    private static List<?> asList(Object value) {
        if (value == null) return List.of();
        if (value instanceof Collection<?> c) return new ArrayList<>(c);
        if (value instanceof Object[] a) return Arrays.asList(a);
        if (value instanceof Map<?, ?> m) return new ArrayList<>(m.entrySet());
        if (value instanceof StepResult r) return r.getLines();
        throw new IllegalArgumentException("foreach needs a collection, got " + value.getClass().getSimpleName());
    }

    /** Runs a sub-runbook step; lives in the sequence runner because it recurses into it. */
    interface SubRunbooks {
        Single run(HostContext hc, String stage, Step step, Map<String, Object> scope, String item) throws ExpressionException;
    }

    static Single subResult(StepRecord record, Object result, Outcome outcome, String error) {
        return new Single(record, result, outcome, error);
    }
}

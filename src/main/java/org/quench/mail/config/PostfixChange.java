package org.quench.mail.config;

import org.quench.engine.ModuleCall.PlannedCommand;
import org.quench.engine.ModuleContext;
import org.quench.engine.ModuleFailure;
import org.quench.transport.ExecResult;
import org.quench.transport.TransportException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One all-or-nothing change of a running Postfix: back up the files, run the edits, let
 * {@code postfix check} and the caller's checks judge the result, then {@code postfix reload}.
 * When an edit, a check or the reload fails, the backups are put back before the step fails, so
 * the host is left as it was found — never with half of an edit, and never with a configuration
 * Postfix would read at its next reload but nobody verified.
 *
 * <p>{@code postfix check} only looks at files and permissions (a restriction naming a missing
 * table passes it), which is why the caller adds checks of what it wrote, such as a
 * {@code postmap -q} of the table.
 */
public final class PostfixChange {
    static final String CHECK = "postfix check";
    static final String RELOAD = "postfix reload";

    private final String module;
    private final ConfigBackup backup;
    private final List<Step> edits;
    private final List<Step> checks;

    public PostfixChange(String module, List<ConfigFile> files, List<Step> edits, List<Step> checks) {
        this.module = module;
        this.backup = new ConfigBackup(files);
        this.edits = List.copyOf(edits);
        this.checks = List.copyOf(checks);
    }

    /**
     * An edit or a check: the exact command (as planned), what it reads on stdin (null: nothing;
     * worked out only when it runs, e.g. a table's new content), whether it runs at all (an edit
     * with nothing to change is skipped) and, for a check, what makes it fail.
     */
    public record Step(PlannedCommand planned, boolean run, byte[] stdin, Function<ExecResult, String> problem) {
        private static final Function<ExecResult, String> EXIT_STATUS = r -> r.ok() ? null : "exit " + r.exitCode();

        public static Step edit(String command, String stdinSummary) {
            return new Step(new PlannedCommand(command, stdinSummary), true, null, EXIT_STATUS);
        }

        /** A check judged by {@code problem} alone (its exit status may carry meaning, e.g. postmap's "not found"). */
        public static Step check(String command, String stdinSummary, Function<ExecResult, String> problem) {
            return new Step(new PlannedCommand(command, stdinSummary), true, null, problem);
        }

        /** The same step, fed {@code stdin} when it runs. */
        public Step withStdin(byte[] bytes) {
            return new Step(planned, true, bytes, problem);
        }

        /** The same step, planned but not run (its part of the configuration is already right). */
        public Step skipped() {
            return new Step(planned, false, null, problem);
        }
    }

    /** The plan: backup, edits, {@code postfix check}, checks, reload. */
    public List<PlannedCommand> commands() {
        List<PlannedCommand> out = new ArrayList<>();
        out.add(new PlannedCommand(backup.command(), null));
        edits.forEach(e -> out.add(e.planned()));
        out.add(new PlannedCommand(CHECK, null));
        checks.forEach(c -> out.add(c.planned()));
        out.add(new PlannedCommand(RELOAD, null));
        return out;
    }

    /**
     * Runs it: the backup, every edit and check not {@link Step#skipped() skipped}, the reload.
     *
     * @return the backups taken
     * @throws ModuleFailure after restoring the backups, when anything failed
     */
    public ConfigBackup.Backups apply(ModuleContext ctx) throws ModuleFailure, TransportException {
        ExecResult b = ctx.exec(backup.command(), null, ctx.timeout());
        if (!b.ok()) {
            throw new ModuleFailure(module + ": backing up the configuration failed (exit " + b.exitCode() + "): "
                    + b.stderr().strip() + "; nothing was changed");
        }
        ConfigBackup.Backups backups = ConfigBackup.parse(b.stdout());
        List<Step> all = new ArrayList<>(edits);
        all.add(Step.edit(CHECK, null));
        all.addAll(checks);
        all.add(Step.edit(RELOAD, null));
        for (Step step : all) {
            if (!step.run()) continue;
            String failure;
            try {
                ExecResult r = ctx.exec(step.planned().command(), step.stdin(), ctx.timeout());
                String problem = step.problem().apply(r);
                failure = problem == null ? null : problem + detail(r);
            } catch (TransportException e) {
                failure = e.getMessage();
                restore(ctx, backups, step, failure);
                throw e;
            }
            if (failure != null) restore(ctx, backups, step, failure);
        }
        return backups;
    }

    private void restore(ModuleContext ctx, ConfigBackup.Backups backups, Step step, String failure)
            throws ModuleFailure, TransportException {
        String what = "`" + firstWords(step.planned().command()) + "` failed (" + failure + ")";
        ExecResult r = ctx.exec(backups.restoreCommand(), null, ctx.timeout());
        if (!r.ok()) {
            throw new ModuleFailure(module + ": " + what + ", and restoring the backups failed too (exit " + r.exitCode()
                    + "): " + r.stderr().strip() + " — restore by hand from " + String.join(", ", backups.paths()));
        }
        throw new ModuleFailure(module + ": " + what + "; the configuration was restored from the backups ("
                + String.join(", ", backups.paths()) + ") and Postfix was not reloaded");
    }

    private static String detail(ExecResult r) {
        String err = r.stderr().strip();
        return err.isEmpty() ? "" : ": " + err.lines().limit(3).reduce((a, c) -> a + " / " + c).orElse("");
    }

    /** A long command shortened for a message (the full one is in the plan and the command log). */
    private static String firstWords(String command) {
        return command.length() > 80 ? command.substring(0, 77) + "..." : command;
    }
}

package org.quench.cli;

import org.quench.inventory.Shard;
import org.quench.schedule.ScheduleLoader;
import picocli.CommandLine;

import java.util.List;

/**
 * Checks a quench command line (from a schedules file, a crontab, a pipeline) with the real CLI
 * parser, without running it: unknown subcommands and options, missing values, a malformed
 * --shard. Refuses --yes: a scheduled run must never execute actions unattended.
 */
public final class CommandLineCheck implements ScheduleLoader.CommandCheck {
    private final boolean allowYes;

    /** For schedules: --yes refused. */
    public CommandLineCheck() {
        this(false);
    }

    /** @param allowYes true for a pipeline's approved remediation stage, where --yes is the point */
    public CommandLineCheck(boolean allowYes) {
        this.allowYes = allowYes;
    }

    @Override
    public String problem(List<String> args) {
        System.setProperty("picocli.disable.closures", "true");
        CommandLine cl = new CommandLine(new Main());
        CommandLine.ParseResult parsed;
        try {
            parsed = cl.parseArgs(args.toArray(new String[0]));
        } catch (CommandLine.ParameterException e) {
            return "not a valid quench command line: " + e.getMessage();
        }
        CommandLine.ParseResult sub = parsed.subcommand();
        if (sub == null) return "no quench command (e.g. audit trusted-relays -l all, or run RUNBOOK --dry-run)";
        if (!allowYes && sub.hasMatchedOption("--yes")) {
            return "--yes is refused in a schedule: scheduled runs never change anything unattended (use --dry-run)";
        }
        if (sub.commandSpec().name().equals("run") && sub.hasMatchedPositional(0)) {
            // A runbook that is not there would fail every scheduled run: say so now.
            try {
                Locations.runbook(sub.matchedPositional(0).getValue());
            } catch (UserError e) {
                return e.getMessage();
            }
        }
        if (sub.hasMatchedOption("--shard")) {
            try {
                Shard.parse(sub.matchedOptionValue("--shard", ""));
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }
        return null;
    }
}

package org.quench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point. Subcommands are one class each; options shared between them are mixins. Errors the
 * engineer can fix come out as one clear message and an exit code, never a stack trace.
 */
@Command(name = "quench",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Remediation runbook engine for mail servers abused to send spam.",
        subcommands = {RunCommand.class, ValidateCommand.class, ListCommand.class, InventoryCommand.class, HistoryCommand.class,
                ReportCommand.class, ScheduleCommand.class, AuditCommand.class,
                TrustCommand.class, CommandLine.HelpCommand.class, picocli.AutoComplete.GenerateCompletion.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        // picocli's default factory otherwise probes for groovy.lang.Closure (for Groovy scripts that
        // put closures in annotations); initialising that class starts the whole Groovy runtime
        // (metaclass registry, extension modules): about a third of a second on every command.
        System.setProperty("picocli.disable.closures", "true");
        CommandLine cl = new CommandLine(new Main());
        cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(true);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof UserError ue) {
                commandLine.getErr().println("quench: " + ue.getMessage());
                return ue.exitCode();
            }
            commandLine.getErr().println("quench: internal error: " + ex);
            if (System.getenv("QUENCH_DEBUG") != null) {
                ex.printStackTrace(commandLine.getErr());
            } else {
                commandLine.getErr().println("(this is a bug in quench; set QUENCH_DEBUG=1 to see the stack trace)");
            }
            return ExitCodes.EXECUTION;
        });
        cl.setExitCodeExceptionMapper(ex -> ExitCodes.USAGE);
        return cl.execute(args);
    }
}

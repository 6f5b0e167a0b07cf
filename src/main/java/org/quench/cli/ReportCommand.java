package org.quench.cli;

import org.quench.history.RunHistory;
import org.quench.incident.HtmlWriter;
import org.quench.incident.IncidentReport;
import org.quench.incident.MarkdownWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Incident report of a past run: what was detected (with evidence counts), what was done and when,",
                "what was verified, who ran it. Markdown, or one self-contained HTML page to attach to a delisting request."})
public final class ReportCommand implements Callable<Integer> {

    enum Format { md, html }

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run (see `quench history`).")
    String runId;

    @Option(names = "--format", paramLabel = "md|html", defaultValue = "md", description = "md or html. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Override
    public Integer call() throws IOException {
        RunHistory.Entry run = new RunHistory(Locations.home()).find(runId).orElseThrow(() -> UserError.usage(
                "no run " + runId + " in " + Locations.home().resolve("runs") + " (`quench history` lists them)"));
        IncidentReport report = IncidentReport.of(run);
        String text = format == Format.html ? HtmlWriter.write(report.title(), report.build()) : MarkdownWriter.write(report.build());
        if (output == null) {
            System.out.print(text);
            System.out.flush();
            return ExitCodes.OK;
        }
        Path target = output.toAbsolutePath();
        Path parent = target.getParent();
        if (parent != null && !Files.isDirectory(parent)) throw UserError.usage("directory " + parent + " does not exist");
        Path tmp = Files.createTempFile(parent, ".quench-report-", ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.err.println("incident report written to " + output);
        return ExitCodes.OK;
    }
}

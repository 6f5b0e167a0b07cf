package org.quench.report;

import org.quench.engine.ProgressListener;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Live progress on the terminal. A few hosts: every stage and step, prefixed with the host (a
 * Jenkins stage view in text). A fleet: one line per finished host and a running counter, because
 * hundreds of interleaved step lines help nobody.
 */
public final class ConsoleReporter implements ProgressListener {
    private static final int DETAILED_UP_TO = 5;

    private final PrintStream out;
    private final Style style;
    private final int totalHosts;
    private final boolean detailed;
    private final AtomicInteger done = new AtomicInteger();

    public ConsoleReporter(PrintStream out, Style style, int totalHosts) {
        this.out = out;
        this.style = style;
        this.totalHosts = totalHosts;
        this.detailed = totalHosts <= DETAILED_UP_TO;
    }

    @Override
    public synchronized void stageStarted(String host, String stage) {
        if (detailed) out.println(prefix(host) + style.bold("stage " + stage));
    }

    @Override
    public synchronized void stepFinished(String host, StepRecord step) {
        if (!detailed) return;
        StringBuilder line = new StringBuilder(prefix(host)).append("  ")
                .append(pad(style.status(step.status()), step.status(), 8)).append(' ')
                .append(step.name());
        if (step.item() != null) line.append(" [").append(step.item()).append(']');
        if (step.durationMs() > 0) line.append(style.dim(" (" + step.durationMs() + " ms)"));
        out.println(line);
        if (step.command() != null && (StepRecord.PLANNED.equals(step.status()) || step.failed())) {
            // a module's later commands line up under the first, with the host's prefix on each
            String indent = prefix(host) + "           ";
            out.println(indent + style.cyan("$ " + step.command().replace("\n", "\n" + indent + "  ")));
        }
        if (step.message() != null && !StepRecord.OK.equals(step.status())) {
            out.println(prefix(host) + "           " + step.message());
        }
    }

    @Override
    public synchronized void hostFinished(HostReport report) {
        int n = done.incrementAndGet();
        if (detailed) {
            if (report.error() != null) out.println(prefix(report.host()) + style.red(report.error()));
            return;
        }
        String counter = "[" + n + "/" + totalHosts + "]";
        out.println(counter + " " + report.host() + " " + style.status(report.status())
                + (report.error() != null ? " — " + report.error() : ""));
    }

    private String prefix(String host) {
        return totalHosts > 1 ? style.dim("[" + host + "] ") : "";
    }

    private static String pad(String painted, String plain, int width) {
        return painted + " ".repeat(Math.max(0, width - plain.length()));
    }
}

package org.quench.report;

import java.io.PrintStream;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The end of a run as the engineer reads it: the plan (every action that did not run, with its
 * exact command), the findings per host, and an Ansible-style recap line per host.
 */
public final class Recap {
    private final PrintStream out;
    private final Style style;

    public Recap(PrintStream out, Style style) {
        this.out = out;
        this.style = style;
    }

    public void printPlan(RunReport report) {
        boolean any = false;
        for (HostReport h : report.hosts()) {
            List<StepRecord> planned = flatten(h.steps()).stream()
                    .filter(s -> StepRecord.PLANNED.equals(s.status())).toList();
            if (planned.isEmpty()) continue;
            if (!any) out.println(style.bold("PLAN") + " (nothing below has been executed)");
            any = true;
            out.println("  " + style.bold(h.host()) + ":");
            for (StepRecord s : planned) {
                String what = s.command() != null ? "$ " + s.command() : "approve: " + s.message();
                out.println("    " + s.stage() + " / " + s.name() + (s.item() != null ? " [" + s.item() + "]" : ""));
                // a module's several commands (one a line) stay inside the step's block
                out.println("      " + style.cyan(what.replace("\n", "\n        ")));
                if (s.command() != null && s.message() != null) out.println("      (" + s.message() + ")");
            }
        }
    }

    public void printFindings(RunReport report) {
        for (HostReport h : report.hosts()) {
            if (h.findings() == null || h.findings().isEmpty()) continue;
            out.println(style.bold("FINDINGS") + " " + h.host() + ":");
            for (Map.Entry<String, Object> e : h.findings().entrySet()) {
                printFinding(e.getKey(), e.getValue());
            }
        }
    }

    private void printFinding(String key, Object value) {
        if (value instanceof Collection<?> rows && !rows.isEmpty() && rows.iterator().next() instanceof Map<?, ?>) {
            out.println("  " + key + ":");
            new TextTable(rows).print(out, "    ");
        } else {
            out.println("  " + key + ": " + value);
        }
    }

    public void printRecap(RunReport report) {
        out.println(style.bold("RECAP") + " run " + report.runId() + (report.dryRun() ? " (dry run)" : ""));
        int width = report.hosts().stream().mapToInt(h -> h.host().length()).max().orElse(4);
        for (HostReport h : report.hosts()) {
            List<StepRecord> all = flatten(h.steps());
            out.printf("  %-" + width + "s : ok=%d changed=%d planned=%d failed=%d skipped=%d  %s%n", h.host(),
                    count(all, StepRecord.OK), count(all, StepRecord.CHANGED), count(all, StepRecord.PLANNED),
                    count(all, StepRecord.FAILED), count(all, StepRecord.SKIPPED), style.status(h.status()));
            if (h.error() != null) out.println("    " + style.red(h.error()));
        }
        out.println("status: " + style.status(report.status()));
    }

    static List<StepRecord> flatten(List<StepRecord> steps) {
        List<StepRecord> out = new java.util.ArrayList<>();
        for (StepRecord s : steps) {
            if (s.steps().isEmpty()) out.add(s);
            else out.addAll(flatten(s.steps()));
        }
        return out;
    }

    private static long count(List<StepRecord> steps, String status) {
        return steps.stream().filter(s -> status.equals(s.status())).count();
    }
}

package org.quench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code --junit FILE} for Jenkins and GitLab: one test suite per run, one test case per host ×
 * verify step (and one per host for reaching it, so an unreachable host shows as an error).
 */
public final class JUnitReportWriter {

    public static String toXml(RunReport report) {
        StringBuilder cases = new StringBuilder();
        int tests = 0;
        int failures = 0;
        int errors = 0;
        for (HostReport h : report.hosts()) {
            tests++;
            boolean unreachable = h.error() != null && HostReport.FAILED.equals(h.status());
            cases.append("  <testcase classname=\"").append(esc(report.runbook() + "." + h.host()))
                    .append("\" name=\"host completes\" time=\"0\">");
            if (unreachable) {
                errors++;
                cases.append("<error message=\"").append(esc(h.error())).append("\"/>");
            }
            cases.append("</testcase>\n");
            for (StepRecord s : verifies(h.steps())) {
                tests++;
                cases.append("  <testcase classname=\"").append(esc(report.runbook() + "." + h.host()))
                        .append("\" name=\"").append(esc(s.stage() + " / " + s.name())).append("\" time=\"")
                        .append(String.format(Locale.ROOT, "%.3f", s.durationMs() / 1000.0)).append("\">");
                if (StepRecord.FAILED.equals(s.status())) {
                    failures++;
                    cases.append("<failure message=\"").append(esc(s.message() == null ? "verify failed" : s.message()))
                            .append("\"/>");
                } else if (StepRecord.SKIPPED.equals(s.status())) {
                    cases.append("<skipped/>");
                }
                cases.append("</testcase>\n");
            }
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuite name=\"" + esc("quench." + report.runbook()) + "\" tests=\"" + tests + "\" failures=\""
                + failures + "\" errors=\"" + errors + "\" timestamp=\"" + report.startedAt() + "\">\n"
                + cases + "</testsuite>\n";
    }

    private static List<StepRecord> verifies(List<StepRecord> steps) {
        return Recap.flatten(steps).stream().filter(s -> "verify".equals(s.kind())).toList();
    }

    public static void write(RunReport report, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.writeString(file, toXml(report));
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    // XML 1.0 cannot carry most control characters, even escaped.
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') out.append('?');
                    else out.append(c);
                }
            }
        }
        return out.toString();
    }
}

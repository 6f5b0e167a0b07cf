package org.quench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code --junit FILE} for Jenkins and GitLab: one test suite per run, one test case per host ×
 * verify step (and one per host for reaching it, so an unreachable host shows as an error); for an
 * audit, one per host × audit check ({@link #toXml(String, Instant, List)}).
 */
public final class JUnitReportWriter {

    /**
     * One JUnit test case: a {@code failure} (something checked and found wrong, with its finding),
     * an {@code error} (it could not be checked) or {@code skipped}; all null/false means it passed.
     */
    public record TestCase(String classname, String name, double seconds, String failure, String failureText,
                           String error, boolean skipped) {
        public static TestCase passed(String classname, String name) {
            return new TestCase(classname, name, 0, null, null, null, false);
        }
    }

    public static String toXml(RunReport report) {
        List<TestCase> cases = new ArrayList<>();
        for (HostReport h : report.hosts()) {
            String cls = report.runbook() + "." + h.host();
            boolean unreachable = h.error() != null && HostReport.FAILED.equals(h.status());
            cases.add(new TestCase(cls, "host completes", 0, null, null, unreachable ? h.error() : null, false));
            for (StepRecord s : verifies(h.steps())) {
                // pending (still listed after remediation) is a failure for CI too: exit 1, a build marked unstable
                boolean failed = StepRecord.FAILED.equals(s.status()) || StepRecord.PENDING.equals(s.status());
                String text = s.message() == null ? "verify failed" : s.message();
                cases.add(new TestCase(cls, s.stage() + " / " + s.name(), s.durationMs() / 1000.0,
                        failed ? (StepRecord.PENDING.equals(s.status()) ? "pending: " + text : text) : null, null, null,
                        StepRecord.SKIPPED.equals(s.status())));
            }
        }
        return toXml("quench." + report.runbook(), report.startedAt(), cases);
    }

    /** A suite of any test cases: what {@code quench audit} writes, one case per host × check. */
    public static String toXml(String suite, Instant timestamp, List<TestCase> cases) {
        StringBuilder body = new StringBuilder();
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        for (TestCase c : cases) {
            body.append("  <testcase classname=\"").append(esc(c.classname())).append("\" name=\"").append(esc(c.name()))
                    .append("\" time=\"").append(String.format(Locale.ROOT, "%.3f", c.seconds())).append("\">");
            if (c.error() != null) {
                errors++;
                body.append("<error message=\"").append(esc(c.error())).append("\"/>");
            } else if (c.failure() != null) {
                failures++;
                body.append("<failure message=\"").append(esc(c.failure())).append('"');
                body.append(c.failureText() == null ? "/>" : ">" + esc(c.failureText()) + "</failure>");
            } else if (c.skipped()) {
                skipped++;
                body.append("<skipped/>");
            }
            body.append("</testcase>\n");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuite name=\"" + esc(suite) + "\" tests=\"" + cases.size() + "\" failures=\""
                + failures + "\" errors=\"" + errors + "\" skipped=\"" + skipped + "\" timestamp=\"" + timestamp + "\">\n"
                + body + "</testsuite>\n";
    }

    private static List<StepRecord> verifies(List<StepRecord> steps) {
        return Recap.flatten(steps).stream().filter(s -> "verify".equals(s.kind())).toList();
    }

    public static void write(RunReport report, Path file) throws IOException {
        write(toXml(report), file);
    }

    public static void write(String xml, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.writeString(file, xml);
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

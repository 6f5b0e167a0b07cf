package org.quench.notify;

import org.quench.audit.AuditCheck;
import org.quench.audit.AuditTable;

import java.util.List;

/**
 * One alert's content, the same for every channel: a subject line, and a plain-text body with what
 * changed then the full table the terminal showed.
 */
public record Alert(String runId, String runbook, int exitCode, Changes changes, List<AuditCheck> checks) {

    public String subject() {
        long bad = checks.stream().filter(c -> !AuditCheck.PASS.equals(c.status())).count();
        String state = exitCode == 3 ? "host(s) not audited" : bad == 0 ? "all clear" : bad + " check(s) failing";
        return "quench " + runbook + ": " + state + " (" + changes.appeared().size() + " new, "
                + changes.resolved().size() + " resolved)";
    }

    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append(subject()).append("\n\n");
        if (!changes.appeared().isEmpty()) {
            sb.append("New since the last alert:\n");
            changes.appeared().forEach(a -> sb.append("  + ").append(a).append('\n'));
        }
        if (!changes.resolved().isEmpty()) {
            sb.append("Resolved since the last alert:\n");
            changes.resolved().forEach(r -> sb.append("  - ").append(r).append('\n'));
        }
        if (changes.any()) sb.append('\n');
        sb.append(AuditTable.render(checks));
        sb.append("\nrun ").append(runId).append('\n');
        return sb.toString();
    }
}

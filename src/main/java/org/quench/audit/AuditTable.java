package org.quench.audit;

import java.util.List;

/**
 * The audit's result as plain aligned text: one row per host × check that did not pass (finding or
 * error), one line per finding. The same text goes to the terminal and into the email alert, so the
 * on-call engineer reads the same thing in both.
 */
public final class AuditTable {
    private AuditTable() {
    }

    public static String render(List<AuditCheck> checks) {
        List<AuditCheck> bad = checks.stream().filter(c -> !AuditCheck.PASS.equals(c.status())).toList();
        long hosts = checks.stream().map(AuditCheck::host).distinct().count();
        if (bad.isEmpty()) return "All " + checks.size() + " check(s) on " + hosts + " host(s) passed.\n";
        int hw = "host".length();
        int cw = "check".length();
        for (AuditCheck c : bad) {
            hw = Math.max(hw, c.host().length());
            cw = Math.max(cw, c.check().length());
        }
        String fmt = "%-" + hw + "s  %-" + cw + "s  %-6s  %s%n";
        StringBuilder sb = new StringBuilder(String.format(fmt, "host", "check", "status", "finding"));
        for (AuditCheck c : bad) {
            boolean first = true;
            for (AuditCheck.Item i : c.items()) {
                sb.append(first ? String.format(fmt, c.host(), c.check(), c.status(), i.text())
                        : String.format(fmt, "", "", "", i.text()));
                first = false;
            }
        }
        long failed = bad.stream().map(AuditCheck::host).distinct().count();
        sb.append(bad.size()).append(" of ").append(checks.size()).append(" check(s) did not pass, on ")
                .append(failed).append(" of ").append(hosts).append(" host(s).\n");
        return sb.toString();
    }
}

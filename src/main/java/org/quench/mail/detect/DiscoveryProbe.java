package org.quench.mail.detect;

import org.quench.expr.ShellQuote;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One shell script that asks a mail host everything {@code mail.discover} needs in a single round
 * trip, and the reading of its answer. The script prints {@code key=value} lines; values the host
 * reports (paths, versions, doveconf text) are only ever printed, never evaluated, and the only
 * values from outside that enter it (log overrides) are single-quoted. Binaries outside a
 * non-login PATH (/usr/sbin for postconf over SSH, Zimbra's /opt/zimbra/…) are added to PATH.
 */
final class DiscoveryProbe {
    /** Where syslog writes the mail log on the distributions quench meets, in order of preference. */
    static final List<String> SYSLOG_LOGS = List.of("/var/log/mail.log", "/var/log/maillog", "/var/log/zimbra.log");

    private final List<String> overrides;

    /** @param overrides paths or globs from the inventory/step ({@code mail_log}); empty to discover */
    DiscoveryProbe(List<String> overrides) {
        this.overrides = List.copyOf(overrides);
    }

    String script() {
        StringBuilder s = new StringBuilder();
        s.append("PATH=\"$PATH:/usr/sbin:/sbin:/usr/local/sbin:/opt/zimbra/common/sbin:/opt/zimbra/bin\"; export PATH LC_ALL=C\n");
        s.append("say() { printf '%s=%s\\n' \"$1\" \"$2\"; }\n");
        s.append("say host_time \"$(date +%s)\"; say utc_offset \"$(date +%z)\"\n");
        s.append("ml=\n");
        s.append("if command -v postconf >/dev/null 2>&1; then\n");
        s.append("  say postfix_version \"$(postconf -h mail_version 2>/dev/null)\"\n");
        s.append("  ml=\"$(postconf -h maillog_file 2>/dev/null)\"; say maillog_file \"$ml\"\n");
        s.append("fi\n");
        s.append("for c in postqueue doveadm doveconf journalctl bm-cli zmprov plesk; do\n");
        s.append("  command -v \"$c\" >/dev/null 2>&1 && say has \"$c\"\n");
        s.append("done\n");
        s.append("[ -d /opt/zimbra ] && say has zimbra-dir\n");
        s.append("[ -d /usr/local/psa ] && say has psa-dir\n");
        if (overrides.isEmpty()) {
            // Postfix's own log first (maillog_file, ≥ 3.4), then the syslog locations.
            s.append("for b in \"$ml\"");
            for (String b : SYSLOG_LOGS) {
                s.append(' ').append(ShellQuote.quote(b));
            }
            s.append("; do\n");
            s.append("  case \"$b\" in /*) ;; *) continue ;; esac\n");
            s.append("  case \"$b\" in /dev/*) continue ;; esac\n");
            s.append("  find \"${b%/*}\" -maxdepth 1 -type f -name \"${b##*/}*\" 2>/dev/null | sed 's/^/log=/'\n");
            s.append("done\n");
            s.append("command -v journalctl >/dev/null 2>&1 && journalctl -q --no-pager -n 1 -u 'postfix*' 2>/dev/null"
                    + " | grep -q . && say journal postfix\n");
        } else {
            for (int i = 0; i < overrides.size(); i++) {
                String o = overrides.get(i);
                int slash = o.lastIndexOf('/');
                String dir = slash <= 0 ? (slash == 0 ? "/" : ".") : o.substring(0, slash);
                String name = o.substring(slash + 1);
                String pattern = isGlob(name) ? name : name + "*";
                s.append("find ").append(ShellQuote.quote(dir)).append(" -maxdepth 1 -type f -name ")
                        .append(ShellQuote.quote(pattern)).append(" 2>/dev/null | sed 's/^/override").append(i).append("=/'\n");
            }
        }
        s.append("if command -v doveconf >/dev/null 2>&1; then doveconf -n passdb 2>/dev/null | sed 's/^/doveconf=/'; fi\n");
        // UNVERIFIED: bm-cli is a picocli program from BlueMind 4.4 on, which gives it --version;
        // older ones may print usage instead. Printed for the engineer, never relied upon.
        s.append("if command -v bm-cli >/dev/null 2>&1; then\n");
        s.append("  say bluemind_version \"$(timeout 30 bm-cli --version </dev/null 2>/dev/null | head -n 1)\"\n");
        s.append("fi\n");
        s.append("exit 0\n");
        return s.toString();
    }

    static boolean isGlob(String name) {
        return name.indexOf('*') >= 0 || name.indexOf('?') >= 0 || name.indexOf('[') >= 0;
    }

    /**
     * Reads the script's output into facts.
     *
     * @param platformOverride the step's or inventory's {@code platform}, which wins over detection
     */
    HostFacts read(String output, String platformOverride) {
        Map<String, String> single = new LinkedHashMap<>();
        List<String> has = new ArrayList<>();
        List<String> logs = new ArrayList<>();
        Map<Integer, List<String>> overridden = new LinkedHashMap<>();
        StringBuilder doveconf = new StringBuilder();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1);
            switch (key) {
                case "has" -> has.add(value);
                case "log" -> logs.add(value);
                case "doveconf" -> doveconf.append(value).append('\n');
                default -> {
                    if (key.startsWith("override") && key.length() > 8 && key.substring(8).chars().allMatch(Character::isDigit)) {
                        overridden.computeIfAbsent(Integer.parseInt(key.substring(8)), k -> new ArrayList<>()).add(value);
                    } else {
                        single.putIfAbsent(key, value);
                    }
                }
            }
        }
        String version = blankToNull(single.get("postfix_version"));
        String maillog = blankToNull(single.get("maillog_file"));
        if (maillog != null && !maillog.startsWith("/")) {
            maillog = null;
        }

        List<String> files = overrides.isEmpty() ? discoveredLogs(maillog, logs) : overriddenLogs(overridden);
        String source = !files.isEmpty() ? "files" : single.containsKey("journal") ? "journal" : null;

        List<DoveconfPassdb> passdbs = DoveconfPassdb.parse(doveconf.toString());
        DoveconfPassdb first = passdbs.isEmpty() ? null : passdbs.get(0);

        boolean bm = has.contains("bm-cli");
        boolean zimbra = has.contains("zmprov") || has.contains("zimbra-dir");
        boolean plesk = has.contains("plesk") || has.contains("psa-dir");
        String platform = platformOverride != null ? platformOverride.toLowerCase(Locale.ROOT)
                : bm ? "bluemind" : zimbra ? "zimbra" : plesk ? "plesk" : "postfix";
        Long hostTime = null;
        try {
            hostTime = Long.parseLong(single.getOrDefault("host_time", "").strip());
        } catch (NumberFormatException ignored) {
            // a host without a usable `date +%s`: windows fall back to quench's own clock
        }
        return new HostFacts(platform, version, has.contains("postqueue") && atLeast(version, 3, 1), source, files,
                maillog, first == null ? null : first.driver(), first == null ? null : first.passwdFile(),
                has.contains("doveadm"), bm, blankToNull(single.get("bluemind_version")), zimbra, plesk,
                blankToNull(single.get("utc_offset")), hostTime);
    }

    /** The first base (maillog_file, then the syslog locations) that has any file. */
    private static List<String> discoveredLogs(String maillog, List<String> listing) {
        List<String> bases = new ArrayList<>();
        if (maillog != null && !maillog.startsWith("/dev/")) {
            bases.add(maillog);
        }
        bases.addAll(SYSLOG_LOGS);
        // maillog_file is usually one of the syslog locations too (/var/log/mail.log): each find
        // then lists it, and a file read twice would count every message twice
        List<String> distinct = new ArrayList<>(new java.util.LinkedHashSet<>(listing));
        for (String base : bases) {
            List<String> files = RotatedLogFiles.of(base, distinct);
            if (!files.isEmpty()) {
                return files;
            }
        }
        return List.of();
    }

    private List<String> overriddenLogs(Map<Integer, List<String>> found) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < overrides.size(); i++) {
            String o = overrides.get(i);
            List<String> listing = found.getOrDefault(i, List.of());
            String name = o.substring(o.lastIndexOf('/') + 1);
            List<String> files = isGlob(name) ? RotatedLogFiles.ordered(listing) : RotatedLogFiles.of(o, listing);
            for (String f : files) {
                if (!out.contains(f)) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    /** "3.7.11" ≥ 3.1; false for null or unparsable versions (then quench falls back to postqueue -p). */
    static boolean atLeast(String version, int major, int minor) {
        if (version == null) {
            return false;
        }
        String[] parts = version.split("[.-]");
        try {
            int ma = Integer.parseInt(parts[0]);
            int mi = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return ma > major || (ma == major && mi >= minor);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

package org.quench.mail.log;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Fixed strings to filter a log on the host ({@code grep -F} / {@code zgrep -F}) so only lines a
 * detector can use cross the wire: about 9 % of a lab log and under 1 % of a real server's pass
 * {@code sasl_username=} (performance-anchors.md). The strings are constants or queue ids (upper
 * hex / alphanumerics), never log-derived free text; the transport still quotes every argument.
 *
 * <p>Queue-id correlation needs a second pass: the first filter finds the account's
 * {@code client=… sasl_username=} lines (and so its queue ids); {@link #queueIds} then fetches the
 * qmgr {@code from=} and delivery {@code to=} lines of exactly those ids (and amavis lines naming
 * them). Fetching every {@code to=} line in one pass instead would ship most of the log.
 */
public record GrepFilter(List<String> fixedStrings) {

    public GrepFilter {
        fixedStrings = List.copyOf(new LinkedHashSet<>(fixedStrings));
    }

    /** Authenticated submissions: one line per message accepted with SMTP AUTH. */
    public static GrepFilter authenticatedSubmissions() {
        return new GrepFilter(List.of("sasl_username="));
    }

    /**
     * Every message smtpd accepted ({@code QID: client=name[ip]…}), authenticated or not: relaying
     * by trusted clients leaves no other trace than these lines without {@code sasl_username}.
     */
    public static GrepFilter acceptedMessages() {
        return new GrepFilter(List.of(": client="));
    }

    /**
     * Authentication failures: Postfix SASL failures (all versions, including
     * "Connection lost to authentication server") and Dovecot login/auth/PAM failures.
     *
     * <p>As few strings as cover every failure {@link MailLogParser} recognises, because grep's
     * cost grows with their number (12 strings cost the host ~3x the CPU of one over a 1 GB log):
     * {@code authentication fail} covers Postfix's "authentication failed" and PAM's
     * "authentication failure;", {@code auth failed} both "(auth failed, …" and "(proxy dest auth
     * failed)", {@code assword mismatch} and {@code nvalid credentials} both capitalisations,
     * {@code (tried to use disa} "disallowed" and "disabled". GrepFilterCoverageTest proves every
     * failure form the parser knows passes.
     */
    public static GrepFilter authenticationFailures() {
        return new GrepFilter(List.of("authentication fail", "auth failed", "assword mismatch", "unknown user",
                "pam_authenticate() failed", "nvalid credentials", "(tried to use disa"));
    }

    /** Outcomes of deliveries and the bounces they cause (bounce/deferral ratios, block-list replies). */
    public static GrepFilter deliveryOutcomes() {
        return new GrepFilter(List.of("status=", "notification: "));
    }

    /** Our own refusals: RBL rejects, relay denied, milter/header rejects. */
    public static GrepFilter rejects() {
        return new GrepFilter(List.of("reject: ", "milter-reject: "));
    }

    /**
     * Second pass: every line of the given queue ids ({@code ID: } as Postfix writes it, and
     * {@code Queue-ID: ID} as amavis does). Ids that do not look like Postfix queue ids are
     * dropped, so log text can never become a pattern.
     */
    public static GrepFilter queueIds(Collection<String> ids) {
        List<String> out = new ArrayList<>(ids.size() * 2);
        for (String id : ids) {
            if (id != null && id.length() >= 5 && id.length() <= 32 && id.chars().allMatch(Character::isLetterOrDigit)) {
                out.add(id + ": ");
                out.add("Queue-ID: " + id);
            }
        }
        return new GrepFilter(out);
    }

    public GrepFilter and(GrepFilter other) {
        List<String> all = new ArrayList<>(fixedStrings);
        all.addAll(other.fixedStrings);
        return new GrepFilter(all);
    }

    /** The same test grep -F applies, for filtering locally (e.g. over journalctl output). */
    public boolean matches(String line) {
        for (String s : fixedStrings) {
            if (line.contains(s)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Arguments for {@code grep}: {@code -F} then {@code -e STRING} per string (so a string starting
     * with {@code -} is never an option). Callers quote each element for the remote shell.
     */
    public List<String> grepArguments() {
        List<String> args = new ArrayList<>(1 + 2 * fixedStrings.size());
        args.add("-F");
        for (String s : fixedStrings) {
            args.add("-e");
            args.add(s);
        }
        return args;
    }

    /** Distinct strings, for tests and diagnostics. */
    public Set<String> asSet() {
        return new LinkedHashSet<>(fixedStrings);
    }
}

package org.quench.mail.contain;

import java.util.regex.Pattern;

/**
 * Checks a mail account name before it goes into any plan. The name may come from the queue or the
 * log (a SASL login an attacker chose), so besides being quoted it must be a plain login: no white
 * space, control characters, quotes or backslashes (which some CLIs re-tokenise), and no {@code *}
 * or {@code ?} — {@code doveadm kick} and {@code who} take a user <em>mask</em>, and a login
 * {@code *} would log out everyone.
 */
final class AccountName {
    private static final Pattern PLAIN = Pattern.compile("[^\\s\\p{Cntrl}'\"\\\\*?`]{1,320}");

    private AccountName() {
    }

    static String check(String module, String user) {
        if (user == null || !PLAIN.matcher(user).matches()) {
            throw new IllegalArgumentException(module + ": refusing account name " + printable(user)
                    + ": a login may not contain white space, quotes, backslashes, '*' or '?'");
        }
        return user;
    }

    private static String printable(String s) {
        if (s == null) return "(none)";
        String t = s.length() > 60 ? s.substring(0, 60) + "…" : s;
        return "'" + t.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}

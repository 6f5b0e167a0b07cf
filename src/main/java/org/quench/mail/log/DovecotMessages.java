package org.quench.mail.log;

/**
 * Dovecot authentication facts. The parser receives the text from the Dovecot process tag on
 * ({@code imap-login: …}, {@code auth-worker(12): …}, {@code auth(user,ip,sasl:login)<s>: …}),
 * with or without a leading {@code dovecot: }, because different setups (syslog, Dovecot's own
 * log_path, 2.3 vs 2.4) put the process name in different places.
 */
final class DovecotMessages {

    /** passdb drivers whose failures are logged as {@code driver(user,ip[,…]): reason}. */
    private static final String[] BACKENDS = {"passwd-file(", "pam(", "sql(", "ldap(", "passwd(",
            "shadow(", "checkpassword(", "bsdauth(", "lua(", "oauth2(", "static(", "vpopmail("};

    MailEvent parse(LogHeader h, String text) {
        int login = text.indexOf("-login: ");
        if (login > 0 && login < 40) {
            return loginProcess(h, text, login);
        }
        int pamUnix = text.indexOf("pam_unix(dovecot:auth): authentication failure;");
        if (pamUnix >= 0) {
            return pamUnix(h, text, pamUnix);
        }
        return authProcess(h, text);
    }

    // imap-login: [Info: ]Login: user=<u>, method=M, rip=…, lip=…, mpid=…, TLS, session=<…>
    // imap-login: [Info: ]Disconnected (auth failed, 1 attempts in 2 secs): user=<u>, method=M, rip=…
    private static MailEvent loginProcess(LogHeader h, String text, int loginAt) {
        int serviceStart = loginAt;
        while (serviceStart > 0 && text.charAt(serviceStart - 1) != ' ') {
            serviceStart--;
        }
        String service = text.substring(serviceStart, loginAt);
        int body = loginAt + 8;
        if (text.startsWith("Info: ", body)) {
            body += 6;
        }
        if (text.startsWith("Login: ", body)) {
            Fields f = Fields.read(text, body);
            return f.rip == null ? null
                    : new DovecotLogin(h, service, f.user, f.method, f.rip, f.lip, f.session);
        }
        // The failure marker is the last parenthesised group before the fields, and the free
        // text before it may contain parentheses of its own (TLS errors, "reason: …").
        int fieldsAt = fieldsStart(text, body);
        int scanEnd = fieldsAt < 0 ? text.length() : fieldsAt;
        String reason = null;
        Integer attempts = null;
        int af = text.lastIndexOf("(auth failed, ", scanEnd);
        if (af >= body) {
            int close = text.indexOf(')', af);
            reason = text.substring(af + 1, close < 0 ? scanEnd : close);
            int n = af + 14;
            attempts = Digits.parseIntOrNull(text, n, Digits.skip(text, n));
        } else {
            for (String marker : new String[]{"(tried to use disallowed ", "(tried to use disabled ",
                    "(proxy dest auth failed)"}) {
                int m = text.lastIndexOf(marker, scanEnd);
                if (m >= body) {
                    int close = text.indexOf(')', m);
                    reason = text.substring(m + 1, close < 0 ? scanEnd : close);
                    break;
                }
            }
        }
        if (reason == null || fieldsAt < 0) {
            return null;
        }
        Fields f = Fields.read(text, fieldsAt);
        if (f.rip == null) {
            return null;
        }
        return new DovecotAuthFailure(h, service, null, f.user, f.rip, f.lip, reason, attempts);
    }

    /** Start of the {@code user=<…>} / {@code rip=} field list after the free text. */
    private static int fieldsStart(String text, int from) {
        int user = text.indexOf("user=<", from);
        int rip = text.indexOf("rip=", from);
        if (user >= 0 && (rip < 0 || user < rip)) {
            return user;
        }
        if (rip < 0) {
            return -1;
        }
        // no user field: fields begin after the last ": " before rip=
        int colon = text.lastIndexOf(": ", rip);
        return colon >= from ? colon + 2 : rip;
    }

    /** The comma-separated {@code key=value} list of login processes. */
    private static final class Fields {
        String user;
        String method;
        String rip;
        String lip;
        String session;

        static Fields read(String text, int from) {
            Fields f = new Fields();
            int p = from;
            int u = text.indexOf("user=<", from);
            if (u >= 0) {
                // attacker-chosen: ends at the first ">, " (or "> " / end), never re-scanned
                int close = PostfixFields.endOf(text, u + 6, ">, ", ">:");
                if (close == text.length() && text.endsWith(">")) {
                    close--;
                }
                String user = text.substring(u + 6, Math.min(close, text.length()));
                f.user = user.isEmpty() ? null : user;
                p = close;
            }
            f.method = value(text, "method=", p);
            f.rip = value(text, "rip=", p);
            f.lip = value(text, "lip=", p);
            int s = text.indexOf("session=<", p);
            if (s >= 0) {
                int close = text.indexOf('>', s);
                f.session = text.substring(s + 9, close < 0 ? text.length() : close);
            }
            return f;
        }

        private static String value(String text, String key, int from) {
            int k = text.indexOf(key, from);
            while (k > 0 && text.charAt(k - 1) != ' ' && text.charAt(k - 1) != ',') {
                k = text.indexOf(key, k + 1);
            }
            if (k < 0) {
                return null;
            }
            int s = k + key.length();
            int e = PostfixFields.endOf(text, s, ",", " ");
            return e > s ? text.substring(s, e) : null;
        }
    }

    // pam_unix(dovecot:auth): authentication failure; logname= uid=0 euid=0 tty=dovecot ruser=X rhost=IP [user=U]
    private static MailEvent pamUnix(LogHeader h, String text, int at) {
        String rhost = spaced(text, " rhost=", at);
        if (rhost == null) {
            return null;
        }
        String user = spaced(text, " user=", at);
        if (user == null) {
            user = spaced(text, " ruser=", at);
        }
        return new DovecotAuthFailure(h, "auth", "pam_unix", user, rhost, null, "authentication failure", null);
    }

    private static String spaced(String text, String key, int from) {
        int k = text.indexOf(key, from);
        if (k < 0) {
            return null;
        }
        int s = k + key.length();
        int e = text.indexOf(' ', s);
        String v = text.substring(s, e < 0 ? text.length() : e);
        return v.isEmpty() ? null : v;
    }

    // [auth: |auth-worker(N): ][Info: ][conn …: auth-worker<N>: ]driver(user,ip[,<session>]): REASON
    // 2.4: auth(user,ip,sasl:login)<session>: Info: sql: REASON
    private static MailEvent authProcess(LogHeader h, String text) {
        for (String backend : BACKENDS) {
            int b = text.indexOf(backend);
            if (b >= 0 && (b == 0 || !Character.isLetterOrDigit(text.charAt(b - 1)))) {
                int close = text.indexOf("): ", b);
                if (close < 0) {
                    continue;
                }
                String reason = text.substring(close + 3);
                if (!isFailure(reason)) {
                    return null;
                }
                return fromArgs(h, backend.substring(0, backend.length() - 1), text, b + backend.length(),
                        close, reason);
            }
        }
        int auth = text.startsWith("dovecot: ") ? 9 : 0;
        if (text.startsWith("auth(", auth)) {
            int close = text.indexOf(")", auth);
            int colon = text.indexOf(": ", close);
            if (close < 0 || colon < 0) {
                return null;
            }
            String rest = text.substring(colon + 2);
            if (rest.startsWith("Info: ")) {
                rest = rest.substring(6);
            }
            int driverEnd = rest.indexOf(": ");
            String backend = driverEnd > 0 && driverEnd < 20 ? rest.substring(0, driverEnd) : null;
            String reason = backend == null ? rest : rest.substring(driverEnd + 2);
            if (!isFailure(reason)) {
                return null;
            }
            return fromArgs(h, backend, text, auth + 5, close, reason);
        }
        return null;
    }

    private static boolean isFailure(String reason) {
        return reason.startsWith("unknown user") || reason.regionMatches(true, 0, "Password mismatch", 0, 17)
                || reason.startsWith("pam_authenticate() failed") || reason.startsWith("invalid credentials")
                || reason.startsWith("Invalid credentials");
    }

    /** {@code user,ip[,session]}: the user may contain commas, so the IP is found from the right. */
    private static MailEvent fromArgs(LogHeader h, String backend, String text, int from, int to, String reason) {
        String args = text.substring(from, to);
        String[] parts = args.split(",", -1);
        for (int i = parts.length - 1; i >= 1; i--) {
            if (looksLikeIp(parts[i])) {
                String user = String.join(",", java.util.Arrays.copyOfRange(parts, 0, i));
                return new DovecotAuthFailure(h, "auth", backend, user.isEmpty() ? null : user, parts[i],
                        null, reason.trim(), null);
            }
        }
        return null;
    }

    static boolean looksLikeIp(String s) {
        if (s.isEmpty() || s.length() > 45) {
            return false;
        }
        boolean colon = false;
        boolean dot = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ':') {
                colon = true;
            } else if (c == '.') {
                dot = true;
            } else if (Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return colon || dot;
    }
}

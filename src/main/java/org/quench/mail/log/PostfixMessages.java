package org.quench.mail.log;

/**
 * Postfix message bodies, by daemon (the last path element of the syslog tag, so
 * {@code postfix/submission/smtpd} and {@code postfix-out/smtpd} are both {@code smtpd}).
 * Formats: Postfix source and the lab (reference/mail-platforms.md §1.7).
 */
final class PostfixMessages {

    /** Separators Postfix writes before each field that may follow {@code sasl_username}. */
    private static final String[] AFTER_SASL_USERNAME = {", sasl_sender=", ", orig_queue_id=", ", orig_client="};

    MailEvent parse(LogHeader h, String daemon, String msg) {
        int qidEnd = queueIdEnd(msg);
        String queueId = qidEnd > 0 ? msg.substring(0, qidEnd) : null;
        int rest = qidEnd > 0 ? qidEnd + 2 : 0;
        switch (daemon) {
            case "smtpd":
                return smtpd(h, queueId, msg, rest);
            case "qmgr":
                return queueId == null ? null : qmgr(h, queueId, msg, rest);
            case "smtp": case "lmtp": case "local": case "virtual": case "error": case "pipe":
            case "retry": case "discard":
                return queueId == null ? null : delivery(h, daemon, queueId, msg, rest);
            case "cleanup":
                return queueId == null ? null : cleanup(h, queueId, msg, rest);
            case "bounce":
                return queueId == null ? null : bounce(h, queueId, msg, rest);
            case "postsuper":
                return queueId != null && msg.startsWith("removed", rest) ? new Removed(h, queueId) : null;
            case "postscreen":
                return postscreen(h, msg);
            default:
                return null;
        }
    }

    /**
     * Length of a leading {@code QUEUEID: } (short upper-hex ids or long mixed-case ids), or -1.
     * {@code NOQUEUE} is not an id.
     */
    static int queueIdEnd(String msg) {
        int n = Math.min(msg.length(), 32);
        int i = 0;
        boolean digit = false;
        boolean upperHexOnly = true;
        while (i < n) {
            char c = msg.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c >= 'A' && c <= 'Z') {
                upperHexOnly &= c <= 'F';
            } else if (c >= 'a' && c <= 'z') {
                upperHexOnly = false;
            } else {
                break;
            }
            i++;
        }
        if (i < 5 || i + 1 >= msg.length() || msg.charAt(i) != ':' || msg.charAt(i + 1) != ' ') {
            return -1;
        }
        // Words such as "warning:" or "Deleted:" are not ids: an id has a digit (long ids,
        // nearly all short ids) or is upper-case hex throughout (short ids).
        return digit || upperHexOnly ? i : -1;
    }

    // ---- smtpd ---------------------------------------------------------------------------

    private MailEvent smtpd(LogHeader h, String queueId, String msg, int at) {
        if (msg.startsWith("client=", at)) {
            // queueId null only in anonymised/synthetic samples; real smtpd always logs one
            return client(h, queueId, msg, at + 7);
        }
        if (msg.startsWith("warning: ", at)) {
            return smtpdWarning(h, msg, at + 9);
        }
        if (queueId == null && msg.startsWith("NOQUEUE: ", at)) {
            at += 9;
        }
        if (msg.startsWith("lost connection after ", at)) {
            return lostConnection(h, msg, at + 22);
        }
        if (msg.startsWith("timeout after ", at)) {
            return lostConnection(h, msg, at + 14);
        }
        if (msg.startsWith("disconnect from ", at)) {
            return disconnect(h, msg, at + 16);
        }
        if (msg.startsWith("improper command pipelining after ", at)) {
            return violationAfter(h, "improper command pipelining", msg, at + 34);
        }
        if (msg.startsWith("too many errors after ", at)) {
            return violationAfter(h, "too many errors", msg, at + 22);
        }
        return reject(h, queueId, msg, at);
    }

    private static SmtpdClient client(LogHeader h, String queueId, String msg, int at) {
        int end = PostfixFields.endOf(msg, at, ", sasl_method=", ", orig_queue_id=", ", orig_client=");
        ClientAddress c = ClientAddress.parse(msg, at, end);
        if (c == null) {
            return null;
        }
        String method = PostfixFields.valueOf(msg, ", sasl_method=", end, ", sasl_username=", ", orig_queue_id=");
        String user = null;
        String sender = null;
        int userKey = msg.indexOf(", sasl_username=", end);
        if (userKey >= 0) {
            user = PostfixFields.valueOf(msg, ", sasl_username=", userKey, AFTER_SASL_USERNAME);
            sender = PostfixFields.valueOf(msg, ", sasl_sender=", userKey + 16 + user.length(),
                    ", orig_queue_id=", ", orig_client=");
        }
        String origQueueId = PostfixFields.valueOf(msg, ", orig_queue_id=", end, ", orig_client=");
        String origClient = PostfixFields.valueOf(msg, ", orig_client=", end);
        return new SmtpdClient(h, queueId, c.host(), c.ip(), c.port(), method,
                PostfixFields.unlessUnavailable(user), PostfixFields.unlessUnavailable(sender),
                origQueueId, origClient);
    }

    private static MailEvent smtpdWarning(LogHeader h, String msg, int at) {
        // warning: name[ip][:port]: SASL MECH authentication failed: REASON[, sasl_username=U]
        int sasl = msg.indexOf(": SASL ", at);
        if (sasl > 0) {
            int mechStart = sasl + 7;
            int mechEnd = msg.indexOf(' ', mechStart);
            if (mechEnd > 0 && msg.startsWith("authentication failed:", mechEnd + 1)) {
                ClientAddress c = ClientAddress.parse(msg, at, sasl);
                if (c != null) {
                    return saslFailure(h, c, msg.substring(mechStart, mechEnd), msg, mechEnd + 23);
                }
            }
        }
        if (msg.startsWith("non-SMTP command from ", at)) {
            return violationFrom(h, "non-SMTP command", msg, at + 22);
        }
        int rate = msg.indexOf(" rate limit exceeded: ", at);
        if (rate > 0) {
            int from = msg.indexOf(" from ", rate);
            int forService = msg.lastIndexOf(" for service ");
            if (from > 0 && forService > from) {
                ClientAddress c = ClientAddress.parse(msg, from + 6, forService);
                if (c != null) {
                    return new SmtpdProtocolViolation(h, "rate limit exceeded", c.host(), c.ip(),
                            c.port(), msg.substring(at, from));
                }
            }
        }
        return null;
    }

    private static SaslFailure saslFailure(LogHeader h, ClientAddress c, String mech, String msg, int at) {
        int start = Math.min(at, msg.length());
        while (start < msg.length() && msg.charAt(start) == ' ') {
            start++;
        }
        // Postfix ≥ 3.9 (and 3.5.22/3.6.12/3.7.8/3.8.3) append ", sasl_username=USER"; the
        // reason comes from the SASL backend, not the client, so the first marker is ours.
        int userKey = msg.indexOf(", sasl_username=", start);
        String reason = msg.substring(start, userKey < 0 ? msg.length() : userKey).trim();
        String user = userKey < 0 ? null : msg.substring(userKey + 16);
        if (reason.isEmpty() || reason.equals("(reason unavailable)")) {
            reason = null;
        }
        return new SaslFailure(h, c.host(), c.ip(), c.port(), mech, reason,
                PostfixFields.unlessUnavailable(user));
    }

    private static SmtpdSessionEnd lostConnection(LogHeader h, String msg, int at) {
        int from = msg.indexOf(" from ", at);
        if (from < 0) {
            return null;
        }
        String stage = msg.substring(at, from);
        int bytes = stage.indexOf(" (");
        if (bytes > 0) {
            stage = stage.substring(0, bytes); // "DATA (7774180 bytes)"
        }
        int end = msg.indexOf(' ', from + 6);
        ClientAddress c = ClientAddress.parse(msg, from + 6, end < 0 ? msg.length() : end);
        return c == null ? null : new SmtpdSessionEnd(h, c.host(), c.ip(), c.port(), stage, null, null);
    }

    private static SmtpdSessionEnd disconnect(LogHeader h, String msg, int at) {
        int end = msg.indexOf(' ', at);
        ClientAddress c = ClientAddress.parse(msg, at, end < 0 ? msg.length() : end);
        if (c == null) {
            return null;
        }
        Integer accepted = null;
        Integer tried = null;
        int auth = msg.indexOf(" auth=", at);
        if (auth > 0) {
            int a = auth + 6;
            int aEnd = Digits.skip(msg, a);
            accepted = Digits.parseIntOrNull(msg, a, aEnd);
            if (aEnd < msg.length() && msg.charAt(aEnd) == '/') {
                tried = Digits.parseIntOrNull(msg, aEnd + 1, Digits.skip(msg, aEnd + 1));
            } else {
                tried = accepted;
            }
        }
        return new SmtpdSessionEnd(h, c.host(), c.ip(), c.port(), null, accepted, tried);
    }

    private static SmtpdProtocolViolation violationAfter(LogHeader h, String kind, String msg, int at) {
        int from = msg.indexOf(" from ", at);
        if (from < 0) {
            return null;
        }
        SmtpdProtocolViolation v = violationFrom(h, kind, msg, from + 6);
        return v == null ? null : new SmtpdProtocolViolation(h, kind, v.clientHost(), v.clientIp(),
                v.clientPort(), msg.substring(at, from));
    }

    private static SmtpdProtocolViolation violationFrom(LogHeader h, String kind, String msg, int at) {
        int end = msg.indexOf("]: ", at);
        int addrEnd = end < 0 ? msg.indexOf(' ', at) : end + 1;
        if (addrEnd < 0) {
            addrEnd = msg.length();
        }
        ClientAddress c = ClientAddress.parse(msg, at, addrEnd);
        if (c == null) {
            return null;
        }
        String detail = end < 0 ? null : msg.substring(end + 3);
        return new SmtpdProtocolViolation(h, kind, c.host(), c.ip(), c.port(), detail);
    }

    /**
     * {@code [QID|NOQUEUE]: ACTION: STAGE from name[ip][:port]: CODE DSN TEXT; from=<…> to=<…>
     * proto=… helo=<…>} (smtpd) or with {@code , } separators (postscreen).
     */
    private static SmtpdReject reject(LogHeader h, String queueId, String msg, int at) {
        int actionEnd = msg.indexOf(": ", at);
        if (actionEnd < 0 || actionEnd - at > 20) {
            return null;
        }
        String action = msg.substring(at, actionEnd);
        if (!isRejectAction(action)) {
            return null;
        }
        int stageStart = actionEnd + 2;
        int from = msg.indexOf(" from ", stageStart);
        if (from < 0) {
            return null;
        }
        String stage = msg.substring(stageStart, from);
        int addrEnd = msg.indexOf(": ", from + 6);
        if (addrEnd < 0) {
            return null;
        }
        ClientAddress c = ClientAddress.parse(msg, from + 6, addrEnd);
        if (c == null) {
            return null;
        }
        int textStart = addrEnd + 2;
        int fieldsAt = PostfixFields.endOf(msg, textStart, "; from=<", "; to=<", "; proto=", "; helo=<");
        Integer code = null;
        String dsn = null;
        int t = textStart;
        int codeEnd = Digits.skip(msg, t);
        if (codeEnd - t == 3 && codeEnd < msg.length() && msg.charAt(codeEnd) == ' ') {
            code = Digits.parseIntOrNull(msg, t, codeEnd);
            t = codeEnd + 1;
            int dsnEnd = msg.indexOf(' ', t);
            if (dsnEnd > t && dsnEnd <= fieldsAt && looksLikeDsn(msg, t, dsnEnd)) {
                dsn = msg.substring(t, dsnEnd);
                t = dsnEnd + 1;
            }
        }
        String text = msg.substring(Math.min(t, fieldsAt), fieldsAt);
        String fromAddr = null;
        String to = null;
        String helo = null;
        if (fieldsAt < msg.length()) {
            fromAddr = PostfixFields.bracketed(msg, "from=<", fieldsAt, " to=<", ", to=<", " proto=", ", proto=");
            to = PostfixFields.bracketed(msg, "to=<", fieldsAt + (fromAddr == null ? 0 : fromAddr.length()),
                    " proto=", ", proto=", " helo=<", ", helo=<");
            helo = helo(msg, fieldsAt);
        }
        return new SmtpdReject(h, queueId, action, stage, c.host(), c.ip(), c.port(), code, dsn, text,
                fromAddr, to, helo);
    }

    private static boolean isRejectAction(String action) {
        switch (action) {
            case "reject": case "milter-reject": case "discard": case "hold": case "filter":
            case "reject_warning": case "redirect":
                return true;
            default:
                return false;
        }
    }

    private static boolean looksLikeDsn(String s, int from, int to) {
        char c = s.charAt(from);
        return (c == '2' || c == '4' || c == '5') && to - from >= 5 && s.charAt(from + 1) == '.';
    }

    /** HELO is attacker-chosen; it ends at the last '>' unless ≥3.10 SASL fields follow it. */
    private static String helo(String msg, int from) {
        int k = msg.indexOf("helo=<", from);
        if (k < 0) {
            return null;
        }
        int start = k + 6;
        int sasl = msg.indexOf("> sasl_", start);
        int end = sasl >= 0 ? sasl : msg.lastIndexOf('>');
        return end < start ? msg.substring(start) : msg.substring(start, end);
    }

    // ---- qmgr, delivery agents, cleanup, bounce ------------------------------------------

    private static MailEvent qmgr(LogHeader h, String queueId, String msg, int at) {
        if (msg.startsWith("from=<", at)) {
            int close = msg.indexOf(">, ", at + 6);
            if (close < 0) {
                return null;
            }
            String from = msg.substring(at + 6, close);
            int tail = close + 3;
            if (msg.startsWith("size=", tail)) {
                int sizeEnd = Digits.skip(msg, tail + 5);
                long size = Digits.parse(msg, tail + 5, sizeEnd);
                int nrcpt = 0;
                int n = msg.indexOf("nrcpt=", sizeEnd);
                if (n > 0) {
                    Integer v = Digits.parseIntOrNull(msg, n + 6, Digits.skip(msg, n + 6));
                    nrcpt = v == null ? 0 : v;
                }
                return new QmgrFrom(h, queueId, from, size, nrcpt);
            }
            if (msg.startsWith("status=expired", tail)) {
                return new QmgrExpired(h, queueId, from);
            }
            return null;
        }
        if (msg.startsWith("removed", at)) {
            return new Removed(h, queueId);
        }
        return null;
    }

    private static Delivery delivery(LogHeader h, String agent, String queueId, String msg, int at) {
        if (!msg.startsWith("to=", at)) {
            return null;
        }
        // Old local(8) logs addresses without angle brackets: to=user@host, orig_to=root
        boolean angled = msg.startsWith("to=<", at);
        String sep = angled ? ">, " : ", ";
        int toStart = at + (angled ? 4 : 3);
        int toEnd = msg.indexOf(sep, toStart);
        if (toEnd < 0) {
            return null;
        }
        String to = msg.substring(toStart, toEnd);
        int p = toEnd + sep.length();
        String origTo = null;
        if (msg.startsWith("orig_to=", p)) {
            boolean origAngled = msg.startsWith("orig_to=<", p);
            String origSep = origAngled ? ">, " : ", ";
            int s = p + (origAngled ? 9 : 8);
            int e = msg.indexOf(origSep, s);
            if (e < 0) {
                return null;
            }
            origTo = msg.substring(s, e);
            p = e + origSep.length();
        }
        String relay = PostfixFields.valueOf(msg, "relay=", p, ", ");
        double delay = Double.NaN;
        int d = msg.indexOf(", delay=", p);
        if (d > 0) {
            int e = PostfixFields.endOf(msg, d + 8, ",");
            try {
                delay = Double.parseDouble(msg.substring(d + 8, e));
            } catch (NumberFormatException ignored) {
                // leave NaN: a malformed delay must not hide the delivery
            }
        }
        String dsn = PostfixFields.valueOf(msg, ", dsn=", p, ", ");
        int s = msg.indexOf(", status=", p);
        if (s < 0) {
            return null;
        }
        int wordStart = s + 9;
        int wordEnd = PostfixFields.endOf(msg, wordStart, " ", ",");
        String word = msg.substring(wordStart, wordEnd);
        String reply = null;
        int open = msg.indexOf('(', wordEnd);
        if (open >= 0) {
            int close = msg.lastIndexOf(')');
            reply = close > open ? msg.substring(open + 1, close) : msg.substring(open + 1);
        }
        return new Delivery(h, agent, queueId, to, origTo, relay, delay, dsn, DeliveryStatus.of(word),
                word, reply);
    }

    private static MailEvent cleanup(LogHeader h, String queueId, String msg, int at) {
        if (msg.startsWith("message-id=", at)) {
            int s = at + 11;
            int e = msg.length();
            if (s < e && msg.charAt(s) == '<' && msg.charAt(e - 1) == '>') {
                s++;
                e--;
            }
            return new CleanupMessageId(h, queueId, msg.substring(s, e));
        }
        int actionEnd = msg.indexOf(": ", at);
        if (actionEnd < 0 || actionEnd - at > 20) {
            return null;
        }
        String action = msg.substring(at, actionEnd);
        if (!isRejectAction(action) && !action.equals("warning") && !action.equals("replace")) {
            return null;
        }
        int triggerStart = actionEnd + 2;
        // "milter-reject: END-OF-MESSAGE from h[ip]: 5.7.1 TEXT; from=<…> …" or
        // "reject: header Subject: … from h[ip]; from=<…> to=<…> proto=… helo=<…>: 5.7.1 TEXT"
        int fields = msg.indexOf("; from=<", triggerStart);
        int from = msg.lastIndexOf(" from ", fields < 0 ? msg.length() : fields);
        if (from < triggerStart) {
            return null;
        }
        String trigger = msg.substring(triggerStart, from);
        int addrEnd = PostfixFields.endOf(msg, from + 6, ": ", "; ");
        ClientAddress c = ClientAddress.parse(msg, from + 6, addrEnd);
        String text;
        if (addrEnd < msg.length() && msg.charAt(addrEnd) == ':') {
            text = msg.substring(addrEnd + 2, fields < 0 ? msg.length() : fields);
        } else {
            int tail = msg.lastIndexOf(">: ");
            text = tail > 0 ? msg.substring(tail + 3) : null;
        }
        String fromAddr = fields < 0 ? null : PostfixFields.bracketed(msg, "from=<", fields, " to=<");
        String to = fields < 0 ? null : PostfixFields.bracketed(msg, " to=<", fields, " proto=");
        return new CleanupReject(h, queueId, action, trigger, c == null ? null : c.host(),
                c == null ? null : c.ip(), text, fromAddr, to);
    }

    private static MailEvent bounce(LogHeader h, String queueId, String msg, int at) {
        int kindEnd = msg.indexOf(" notification: ", at);
        if (kindEnd < 0) {
            return null;
        }
        return new BounceNotification(h, queueId, msg.substring(at, kindEnd),
                msg.substring(kindEnd + 15).trim());
    }

    // ---- postscreen ----------------------------------------------------------------------

    private static MailEvent postscreen(LogHeader h, String msg) {
        if (msg.startsWith("NOQUEUE: ")) {
            return reject(h, null, msg, 9);
        }
        int i = 0;
        while (i < msg.length() && ((msg.charAt(i) >= 'A' && msg.charAt(i) <= 'Z') || msg.charAt(i) == ' '
                || msg.charAt(i) == '-')) {
            i++;
        }
        String kind = msg.substring(0, i).trim();
        if (kind.isEmpty() || kind.length() < 3) {
            return null;
        }
        int open = msg.indexOf('[');
        int close = open < 0 ? -1 : msg.indexOf(']', open);
        if (close < 0) {
            return null;
        }
        int end = close + 1;
        if (end < msg.length() && msg.charAt(end) == ':') {
            end = Digits.skip(msg, end + 1);
        }
        ClientAddress c = ClientAddress.parse(msg, open, end);
        if (c == null) {
            return null;
        }
        String detail = msg.substring(kind.length()).trim();
        return new PostscreenEvent(h, kind, c.ip(), c.port(), detail);
    }
}

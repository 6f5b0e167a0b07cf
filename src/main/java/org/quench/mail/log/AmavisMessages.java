package org.quench.mail.log;

import java.util.ArrayList;
import java.util.List;

/**
 * amavis(d-new) lines that tie Postfix queue ids across the content filter. The log template is
 * site-configurable ({@code $log_templ}), so only the stable landmarks are relied on: the verdict
 * words, {@code [ip]}, {@code <from> -> <to>,…} and labelled fields such as {@code Queue-ID: }.
 */
final class AmavisMessages {

    MailEvent parse(LogHeader h, String msg) {
        int p = 0;
        if (msg.startsWith("(")) {
            int close = msg.indexOf(") ");
            if (close < 0) {
                return null;
            }
            p = close + 2;
        }
        if (msg.startsWith("Passed ", p) || msg.startsWith("Blocked ", p)) {
            return result(h, msg, p);
        }
        int fwd = msg.indexOf("FWD from <", p);
        if (fwd >= 0 && fwd - p < 40) {
            return forward(h, msg, p, fwd);
        }
        return null;
    }

    private static AmavisResult result(LogHeader h, String msg, int p) {
        int verdictEnd = msg.indexOf(' ', p);
        String verdict = msg.substring(p, verdictEnd);
        int catEnd = PostfixFields.endOf(msg, verdictEnd + 1, " ", ",");
        String category = msg.substring(verdictEnd + 1, catEnd);
        int q = catEnd;
        String detail = null;
        if (msg.startsWith(" (", q)) {
            int close = msg.indexOf(") ", q);
            if (close < 0) {
                close = msg.indexOf("),", q);
            }
            if (close > 0) {
                detail = msg.substring(q + 2, close);
                q = close + 1;
            }
        }
        String flags = null;
        int brace = msg.indexOf('{', q);
        if (brace >= 0 && brace - q < 3) {
            int close = msg.indexOf('}', brace);
            if (close > 0) {
                flags = msg.substring(brace + 1, close);
                q = close + 1;
            }
        }
        int arrow = msg.indexOf("> -> <", q);
        String clientIp = null;
        String from = null;
        List<String> to = List.of();
        int after = q;
        if (arrow > 0) {
            int open = msg.lastIndexOf(" <", arrow);
            int bracket = msg.indexOf('[', q);
            if (bracket >= 0 && bracket < open) {
                int close = msg.indexOf(']', bracket);
                clientIp = msg.substring(bracket + 1, close);
            }
            from = open < 0 ? null : msg.substring(open + 2, arrow);
            int rcptEnd = PostfixFields.endOf(msg, arrow + 5, ">, ", "> ");
            to = addresses(msg, arrow + 5, Math.min(rcptEnd + 1, msg.length()));
            after = rcptEnd;
        }
        String queueId = PostfixFields.valueOf(msg, "Queue-ID: ", after, ", ");
        String queuedAs = PostfixFields.valueOf(msg, "queued_as: ", after, ", ", " ");
        String messageId = PostfixFields.valueOf(msg, "Message-ID: <", after, ">, ", ">");
        String mailId = PostfixFields.valueOf(msg, "mail_id: ", after, ", ");
        return new AmavisResult(h, verdict, category, detail, flags, clientIp, from, to, queueId,
                queuedAs == null ? List.of() : List.of(queuedAs.split("/")), messageId, mailId);
    }

    private static AmavisFwd forward(LogHeader h, String msg, int p, int fwd) {
        boolean failed = fwd >= 3 && msg.startsWith("(!)", fwd - 3);
        int idEnd = failed ? fwd - 4 : fwd - 1;
        String mailId = idEnd > p ? msg.substring(p, idEnd).trim() : null;
        int fromStart = fwd + 10;
        int arrow = msg.indexOf("> -> <", fromStart);
        if (arrow < 0) {
            return null;
        }
        String from = msg.substring(fromStart, arrow);
        int rcptEnd = PostfixFields.endOf(msg, arrow + 5, ">, ", "> ");
        List<String> to = addresses(msg, arrow + 5, Math.min(rcptEnd + 1, msg.length()));
        String reply = rcptEnd + 3 <= msg.length() ? msg.substring(Math.min(rcptEnd + 3, msg.length())) : null;
        String queuedAs = PostfixFields.valueOf(msg, "queued as ", rcptEnd, " ", ",", ")");
        return new AmavisFwd(h, mailId, from, to, failed, queuedAs, reply);
    }

    /** {@code <a>,<b>} → [a, b]. */
    private static List<String> addresses(String msg, int from, int to) {
        List<String> out = new ArrayList<>(2);
        int i = from;
        while (i < to) {
            int open = msg.indexOf('<', i);
            if (open < 0 || open >= to) {
                break;
            }
            int close = msg.indexOf('>', open);
            if (close < 0 || close > to) {
                close = to;
            }
            out.add(msg.substring(open + 1, close));
            i = close + 1;
        }
        return out;
    }
}

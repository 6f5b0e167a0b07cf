package org.quench.mail.detect;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a remote server's refusal ({@code status=bounced|deferred (host X said: …)}) blames the
 * sending server's reputation — a block list, Outlook's S3140/S3150, Spamhaus' "blocked using",
 * Gmail's 5.7.1 and 4.7.0 unsolicited-mail texts — rather than the message or the recipient
 * (greylisting, user unknown, mailbox full). And which lists it names. The reply is data from the
 * Internet: it is only matched here, never used anywhere else.
 */
final class BlocklistCitation {
    private static final Pattern CITES = Pattern.compile(String.join("|",
            "block ?list", "black ?list", "deny ?list", "blocked using", "listed (at|on|in|by)", "\\bon our block",
            "\\bdnsbl\\b", "\\brbl\\b", "spamhaus", "spamcop", "barracuda", "sorbs", "\\bs31[0-9]{2}\\b",
            "banned sending ip", "poor reputation", "reputation of (your|the sending)", "ip reputation", "sender reputation",
            "unsolicited mail originating from your ip", "likely unsolicited mail", "client host \\[[^]]*] blocked",
            "service unavailable; client host"), Pattern.CASE_INSENSITIVE);
    /** A named list: a DNS zone after "using", or the usual list names. */
    private static final Pattern ZONE_AFTER_USING = Pattern.compile("(?i)blocked using ([a-z0-9.-]+\\.[a-z]{2,})");
    private static final Pattern KNOWN_ZONE = Pattern.compile(
            "(?i)\\b((?:zen|sbl|xbl|pbl|sbl-xbl)\\.spamhaus\\.org|bl\\.spamcop\\.net|b\\.barracudacentral\\.org|psbl\\.surriel\\.com"
                    + "|[a-z0-9-]+\\.sorbs\\.net)\\b");
    private static final Pattern OUTLOOK_CODE = Pattern.compile("\\b(S31[0-9]{2})\\b");

    private BlocklistCitation() {
    }

    static boolean cites(String reply) {
        return reply != null && CITES.matcher(reply).find();
    }

    /** The lists and codes a refusal names ({@code zen.spamhaus.org}, {@code S3150}), in order. */
    static Set<String> lists(String reply) {
        Set<String> out = new LinkedHashSet<>();
        if (reply == null) return out;
        Matcher m = ZONE_AFTER_USING.matcher(reply);
        while (m.find()) out.add(m.group(1).toLowerCase(Locale.ROOT));
        m = KNOWN_ZONE.matcher(reply);
        while (m.find()) out.add(m.group(1).toLowerCase(Locale.ROOT));
        m = OUTLOOK_CODE.matcher(reply);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    /**
     * Who refuses: the mailbox provider behind the receiving MX (from its name, the recipient
     * domain and the reply text), else the recipient domain.
     */
    static String provider(String relayHost, String recipientDomain, String reply) {
        String host = relayHost == null ? "" : relayHost.toLowerCase(Locale.ROOT);
        String domain = recipientDomain == null ? "" : recipientDomain.toLowerCase(Locale.ROOT);
        String text = reply == null ? "" : reply.toLowerCase(Locale.ROOT);
        if (host.contains("outlook.com") || host.contains("hotmail") || host.contains("protection.outlook")
                || OUTLOOK_CODE.matcher(reply == null ? "" : reply).find() || text.contains("mail.live.com")
                || domain.startsWith("outlook.") || domain.startsWith("hotmail.") || domain.startsWith("live.") || domain.startsWith("msn.")) {
            return "Microsoft";
        }
        if (host.endsWith("google.com") || host.contains("gmail-smtp") || text.contains("gsmtp") || text.contains("support.google.com")
                || domain.equals("gmail.com") || domain.equals("googlemail.com")) {
            return "Google";
        }
        if (host.contains("yahoodns") || host.contains("yahoo.") || domain.startsWith("yahoo.") || domain.equals("aol.com")) {
            return "Yahoo";
        }
        if (text.contains("spamhaus")) return "Spamhaus (cited by " + (domain.isEmpty() ? host : domain) + ")";
        return domain.isEmpty() ? (host.isEmpty() ? "unknown" : host) : domain;
    }
}

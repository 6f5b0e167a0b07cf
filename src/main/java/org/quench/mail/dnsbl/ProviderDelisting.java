package org.quench.mail.dnsbl;

import java.util.Locale;

/**
 * What a mailbox provider that refuses the server's mail offers to get it accepted again (reference
 * §6.4; pages it marks unverified say so). Keyed by the provider names {@code mail.blocklist-bounces}
 * groups by.
 */
final class ProviderDelisting {
    private ProviderDelisting() {
    }

    static String of(String provider) {
        String p = provider == null ? "" : provider.toLowerCase(Locale.ROOT);
        if (p.contains("microsoft") || p.contains("outlook") || p.contains("hotmail")) {
            return "Microsoft (Outlook.com, Hotmail, Office 365): request delisting at https://sender.office.com/ ; enrol the"
                    + " address in SNDS and JMRP (https://sendersupport.olc.protection.outlook.com/snds/, URL unverified) to see"
                    + " its reputation and complaints";
        }
        if (p.contains("google") || p.contains("gmail")) {
            return "Google (Gmail): watch the domain in Postmaster Tools https://postmaster.google.com/ and follow the sender"
                    + " guidelines https://support.google.com/mail/answer/81126 (URLs unverified); Gmail has no removal form,"
                    + " reputation recovers once the spam stops";
        }
        if (p.contains("spamhaus")) {
            return "the receiving server cites Spamhaus: get off the Spamhaus list (see the listings), the refusals stop with it";
        }
        return "see " + provider + "'s postmaster pages for its unblock request (not in quench's reference)";
    }
}

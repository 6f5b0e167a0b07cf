package org.quench.mail.dnsbl;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which list a zone is, for what its codes mean and how to get off it. Facts from the project's
 * platform reference §6 (Spamhaus ZEN return codes, other lists, removal pages); a page the reference
 * marks unverified says so in {@link #delisting}.
 */
public enum ListFamily {
    /** {@code zen.spamhaus.org}, its parts (sbl, xbl, pbl, sbl-xbl, authbl), DQS key zones; also any zone whose first label is zen. */
    SPAMHAUS("Spamhaus"),
    SPAMCOP("SpamCop"),
    BARRACUDA("Barracuda BRBL"),
    PSBL("PSBL"),
    SORBS("SORBS"),
    OTHER(null);

    private final String label;

    ListFamily(String label) {
        this.label = label;
    }

    private static final Map<Integer, String> ZEN = Map.ofEntries(
            Map.entry(2, "SBL: direct spam source, listed by Spamhaus staff"),
            Map.entry(3, "SBL CSS: automated listing of a low-reputation or snowshoe sender"),
            Map.entry(4, "XBL: exploited host (malware, botnet, open proxy)"),
            Map.entry(5, "XBL: exploited host"),
            Map.entry(6, "XBL: exploited host"),
            Map.entry(7, "XBL: exploited host"),
            Map.entry(9, "DROP: hijacked or criminal network (comes with an SBL listing)"),
            Map.entry(10, "PBL (ISP maintained): end-user address range, not meant to send mail directly"),
            Map.entry(11, "PBL (Spamhaus maintained): end-user address range, not meant to send mail directly"),
            Map.entry(20, "AuthBL: address seen brute-forcing SMTP AUTH"),
            Map.entry(30, "BCL: botnet controller"));

    public static ListFamily of(String zone) {
        String z = zone.toLowerCase(Locale.ROOT);
        String first = z.contains(".") ? z.substring(0, z.indexOf('.')) : z;
        if (z.endsWith("spamhaus.org") || z.endsWith("spamhaus.net")
                || List.of("zen", "sbl", "xbl", "pbl", "sbl-xbl", "authbl").contains(first)) {
            return SPAMHAUS;
        }
        if (z.endsWith("spamcop.net")) return SPAMCOP;
        if (z.endsWith("barracudacentral.org")) return BARRACUDA;
        if (z.endsWith("surriel.com")) return PSBL;
        if (z.endsWith("sorbs.net")) return SORBS;
        return OTHER;
    }

    /** The list's name for people: the family, or the zone itself. */
    public String label(String zone) {
        return label != null ? label + " (" + zone + ")" : zone;
    }

    /** What a listing code means on this list; the last octet of a 127.0.0.x answer. */
    public String meaning(int[] code) {
        if (this == SPAMHAUS && code[1] == 0 && code[2] == 0 && ZEN.containsKey(code[3])) return ZEN.get(code[3]);
        return switch (this) {
            case SPAMCOP -> "listed: spam reports received about this address";
            case PSBL -> "listed: mail from this address reached spam traps";
            case BARRACUDA -> "listed on the Barracuda Reputation Block List";
            case SORBS -> "SORBS answered, but its lists were shut down in June 2024: drop this zone";
            default -> "listed";
        };
    }

    /** Whether a Spamhaus code is a policy (PBL) listing: end-user space, usually not an incident. */
    public boolean policyOnly(int[] code) {
        return this == SPAMHAUS && code[1] == 0 && code[2] == 0 && (code[3] == 10 || code[3] == 11);
    }

    /** What to do to get off the list, once the cause is fixed. */
    public String delisting(List<int[]> codes) {
        return switch (this) {
            case SPAMHAUS -> {
                boolean pbl = !codes.isEmpty() && codes.stream().allMatch(this::policyOnly);
                boolean xbl = codes.stream().anyMatch(c -> c[3] >= 4 && c[3] <= 7);
                String how = pbl
                        ? "PBL is a policy listing of end-user address space, not a spam incident: a mail server on a static"
                        + " address with matching reverse DNS may remove it in the Spamhaus lookup, or ask the ISP to"
                        : xbl
                        ? "XBL means a machine behind this address is infected or an open proxy: find and clean it first"
                        + " (the compromised-account and rogue-trusted-ip findings), then use the self-service removal in the Spamhaus lookup"
                        : "look the address up and follow the removal instructions there, stating what was fixed";
                yield how + ": https://check.spamhaus.org/ (Blocklist Removal Center; URL unverified in quench's reference)."
                        + " Query through the server's own resolver or a Spamhaus DQS zone, never a public resolver.";
            }
            case SPAMCOP -> "report-driven and short-lived: the listing expires by itself once the reports stop; no request needed";
            case BARRACUDA -> "request removal at https://www.barracudacentral.org/rbl/removal-request (URL unverified in quench's reference)";
            case PSBL -> "spam-trap driven: remove the address through the list's site https://psbl.org";
            case SORBS -> "SORBS was decommissioned in June 2024: remove the zone from dnsbl_zones";
            default -> "see the operator of this list for its removal procedure (not in quench's reference)";
        };
    }
}

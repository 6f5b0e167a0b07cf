package org.quench.mail.dnsbl;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a list's A answers. A listing is an address in 127.0.0.0/8; some answers there are not
 * listings: Spamhaus' error range 127.255.255.0/24 (252 zone name typo, 254 query through a public
 * or unattributable resolver, 255 too many queries), 127.0.1.255 (an IP asked of a domain list), and
 * 127.0.0.1, which RFC 5782 reserves as never listed. An answer outside 127/8 means the resolver
 * rewrites NXDOMAIN or the zone is not a DNSBL. All of those are errors: the check is inconclusive.
 */
final class AnswerCodes {
    private AnswerCodes() {
    }

    /** Either listing codes, or the reason the answer is an error (then {@code codes} lists what came back). */
    record Reading(List<int[]> codes, String error) {
    }

    static Reading read(List<String> addresses) {
        List<int[]> codes = new ArrayList<>();
        for (String a : addresses) {
            int[] o = octets(a);
            if (o == null) return new Reading(codes, "answer " + a + " is not an IPv4 address");
            codes.add(o);
        }
        for (int[] o : codes) {
            String problem = problem(o);
            if (problem != null) return new Reading(codes, problem);
        }
        return new Reading(codes, null);
    }

    private static String problem(int[] o) {
        String code = text(o);
        if (o[0] != 127) {
            return "answer " + code + " is outside 127.0.0.0/8: the resolver rewrites NXDOMAIN, or the zone is not a DNSBL";
        }
        if (o[1] == 255 && o[2] == 255) {
            return switch (o[3]) {
                case 252 -> "error code " + code + ": the zone name is mistyped";
                case 254 -> "error code " + code + ": query refused, it came through a public or open resolver (or one"
                        + " without attributable reverse DNS); set dns_resolver to the mail server's own resolver or use a DQS zone";
                case 255 -> "error code " + code + ": query refused, too many queries from this resolver (rate limit)";
                default -> "error code " + code + ": the list refused the query";
            };
        }
        if (o[1] == 0 && o[2] == 1 && o[3] == 255) return "error code " + code + ": an IP address was asked of a domain list";
        if (o[1] == 0 && o[2] == 0 && o[3] == 1) return "answer " + code + " is never a listing (RFC 5782): misconfigured list or resolver";
        return null;
    }

    static String text(int[] o) {
        return o[0] + "." + o[1] + "." + o[2] + "." + o[3];
    }

    private static int[] octets(String a) {
        String[] p = a.split("\\.");
        if (p.length != 4) return null;
        int[] o = new int[4];
        for (int i = 0; i < 4; i++) {
            try {
                o[i] = Integer.parseInt(p[i]);
            } catch (NumberFormatException e) {
                return null;
            }
            if (o[i] < 0 || o[i] > 255) return null;
        }
        return o;
    }
}

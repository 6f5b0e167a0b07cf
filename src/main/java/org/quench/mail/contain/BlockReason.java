package org.quench.mail.contain;

/**
 * The text of the reject reply for a blocked client ({@code 554 5.7.1 … Client host rejected:
 * TEXT}). It is written into the cidr table after {@code REJECT}, one entry per line, so it is cut
 * down to one short line of plain ASCII: anything else (newlines would add table entries, other
 * bytes have no business in an SMTP reply) becomes a space.
 */
final class BlockReason {
    static final String DEFAULT = "too many failed logins from this address";
    private static final int MAX = 120;

    private BlockReason() {
    }

    static String sanitise(String given) {
        if (given == null) return DEFAULT;
        StringBuilder b = new StringBuilder();
        for (char c : given.toCharArray()) {
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || " .,:;()/_+-".indexOf(c) >= 0;
            b.append(plain ? c : ' ');
        }
        String s = b.toString().replaceAll(" {2,}", " ").strip();
        if (s.length() > MAX) s = s.substring(0, MAX).strip();
        return s.isEmpty() ? DEFAULT : s;
    }
}

package org.quench.mail.log;

/**
 * Postfix's {@code name[address]} or {@code name[address]:port} (postscreen writes
 * {@code [address]:port} with no name). IPv6 is bare inside the brackets; an {@code IPv6:} prefix
 * (seen in HELO-like forms and in queue-file attributes) is stripped.
 */
record ClientAddress(String host, String ip, Integer port) {

    /**
     * Parses {@code text[from, to)} which must end at the closing bracket or at the port.
     * Returns null when there is no bracket pair.
     */
    static ClientAddress parse(String text, int from, int to) {
        int close = text.lastIndexOf(']', to - 1);
        if (close < from) {
            return null;
        }
        int open = text.lastIndexOf('[', close);
        if (open < from) {
            return null;
        }
        String host = open == from ? null : text.substring(from, open);
        int ipStart = open + 1;
        if (text.regionMatches(true, ipStart, "IPv6:", 0, 5)) {
            ipStart += 5;
        }
        String ip = text.substring(ipStart, close);
        Integer port = null;
        if (close + 1 < to && text.charAt(close + 1) == ':') {
            port = Digits.parseIntOrNull(text, close + 2, to);
        }
        return new ClientAddress(host, ip, port);
    }
}

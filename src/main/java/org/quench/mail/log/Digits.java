package org.quench.mail.log;

/** Allocation-free decimal parsing for the hot path (timestamps, sizes, ports). */
final class Digits {
    private Digits() {
    }

    /** Value of the digits in {@code s[from, to)}, or -1 when the range is empty or not all digits. */
    static long parse(CharSequence s, int from, int to) {
        if (from >= to || to > s.length() || from < 0) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9' || v > Long.MAX_VALUE / 10 - 10) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    static Integer parseIntOrNull(CharSequence s, int from, int to) {
        long v = parse(s, from, to);
        return v < 0 || v > Integer.MAX_VALUE ? null : (int) v;
    }

    /** End of the run of digits starting at {@code from}. */
    static int skip(CharSequence s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }
}

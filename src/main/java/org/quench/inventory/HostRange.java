package org.quench.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's host ranges in inventory keys: {@code mx[01:03].example.com} is three hosts,
 * {@code db-[a:c]} three more, {@code web[0:10:5]} steps by 5. Leading zeros set the width.
 */
final class HostRange {
    private static final Pattern RANGE = Pattern.compile("\\[([0-9]+|[a-zA-Z]):([0-9]+|[a-zA-Z])(?::([0-9]+))?]");

    private HostRange() {}

    /** The names {@code key} stands for; the key itself when it holds no range. */
    static List<String> expand(String key) {
        Matcher m = RANGE.matcher(key);
        if (!m.find()) return List.of(key);
        String head = key.substring(0, m.start());
        List<String> tails = expand(key.substring(m.end()));
        String from = m.group(1), to = m.group(2);
        int step = m.group(3) == null ? 1 : Math.max(1, Integer.parseInt(m.group(3)));
        List<String> out = new ArrayList<>();
        boolean numeric = Character.isDigit(from.charAt(0));
        if (numeric != Character.isDigit(to.charAt(0))) {
            throw new IllegalArgumentException("range [" + from + ":" + to + "] mixes letters and numbers");
        }
        int start = numeric ? Integer.parseInt(from) : from.charAt(0);
        int end = numeric ? Integer.parseInt(to) : to.charAt(0);
        if (end < start) throw new IllegalArgumentException("range [" + from + ":" + to + "] runs backwards");
        if ((end - start) / step > 10_000) throw new IllegalArgumentException("range [" + from + ":" + to + "] is too large");
        String width = numeric && from.length() > 1 && from.startsWith("0") ? "%0" + from.length() + "d" : "%d";
        for (int i = start; i <= end; i += step) {
            String middle = numeric ? String.format(width, i) : String.valueOf((char) i);
            for (String tail : tails) out.add(head + middle + tail);
        }
        return out;
    }
}

package org.quench.mail.trust;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads one attribute from {@code zmprov gs}/{@code gacf} output: {@code # name …} comment lines,
 * then {@code attr: value}, repeated once per value of a multi-valued attribute (operators store
 * either several values or one space-separated value; both are returned as written).
 */
final class ZmprovAttribute {
    private ZmprovAttribute() {
    }

    static List<String> values(String output, String attribute) {
        List<String> out = new ArrayList<>();
        String prefix = attribute + ":";
        for (String line : output.split("\n")) {
            String s = line.strip();
            if (s.startsWith(prefix)) {
                String v = s.substring(prefix.length()).strip();
                if (!v.isEmpty()) out.add(v);
            }
        }
        return out;
    }
}

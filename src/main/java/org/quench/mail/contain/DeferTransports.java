package org.quench.mail.contain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * main.cf's {@code defer_transports} as {@code postconf -n defer_transports} shows it: unset (no
 * line: Postfix's empty default) is told apart from set to an empty value, so a thaw puts back
 * exactly what was there ({@code postconf -X} versus {@code postconf -e 'defer_transports ='}).
 */
record DeferTransports(boolean set, String value) {
    static final String NAME = "defer_transports";
    static final DeferTransports UNSET = new DeferTransports(false, "");

    DeferTransports {
        value = value == null ? "" : value.strip();
        if (!set && !value.isEmpty()) throw new IllegalArgumentException("an unset defer_transports has no value");
        if (value.contains("\n")) throw new IllegalArgumentException("defer_transports value on several lines");
    }

    /** Reads {@code postconf -n defer_transports}: nothing → unset; {@code defer_transports = V} → V. */
    static DeferTransports ofPostconfN(String stdout) {
        String s = stdout.strip();
        if (s.isEmpty()) return UNSET;
        String prefix = NAME + " =";
        if (!s.startsWith(prefix) || s.lines().count() != 1) {
            throw new IllegalArgumentException("unexpected `postconf -n " + NAME + "` output: " + s);
        }
        return new DeferTransports(true, s.substring(prefix.length()));
    }

    /** A runbook value: {set, value} as {@link #toMap} made it, or text ("unset", or the value). */
    static DeferTransports ofArgument(Object arg) {
        if (arg instanceof Map<?, ?>) {
            MainCfSetting s = MainCfSetting.ofArgument(arg);
            return s.set() ? new DeferTransports(true, s.value()) : UNSET;
        }
        String s = arg.toString().strip();
        return s.equals("unset") ? UNSET : new DeferTransports(true, s);
    }

    List<String> names() {
        List<String> out = new ArrayList<>();
        for (String w : value.split("[,\\s]+")) if (!w.isEmpty()) out.add(w);
        return out;
    }

    /** The value that defers {@code transports} on top of what is deferred already. */
    String with(List<String> transports) {
        List<String> all = new ArrayList<>(names());
        for (String t : transports) if (!all.contains(t)) all.add(t);
        return String.join(" ", all);
    }

    String describe() {
        return new MainCfSetting(set, value).describe();
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new MainCfSetting(set, value).toMap();
        m.put("names", names());
        return m;
    }
}

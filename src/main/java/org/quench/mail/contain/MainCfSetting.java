package org.quench.mail.contain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One main.cf parameter as {@code postconf -n} shows it: unset (no line, Postfix's default
 * applies) told apart from set, even to an empty value, so an undo puts back exactly what was
 * there ({@code postconf -X} versus {@code postconf -e 'name ='}).
 */
record MainCfSetting(boolean set, String value) {
    static final MainCfSetting UNSET = new MainCfSetting(false, "");

    MainCfSetting {
        value = value == null ? "" : value.strip();
        if (!set && !value.isEmpty()) throw new IllegalArgumentException("an unset parameter has no value");
        if (value.contains("\n")) throw new IllegalArgumentException("a parameter value on several lines");
    }

    /** {set, value} as {@link #toMap} made it. */
    static MainCfSetting ofArgument(Object arg) {
        if (arg instanceof Map<?, ?> m) {
            Object v = m.get("value");
            return Boolean.parseBoolean(String.valueOf(m.get("set"))) ? new MainCfSetting(true, v == null ? "" : v.toString()) : UNSET;
        }
        throw new IllegalArgumentException("expected {set, value}, got " + arg);
    }

    String describe() {
        return set ? "'" + value + "'" : "unset";
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("set", set);
        m.put("value", value);
        return m;
    }
}

package org.quench.mail.contain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A module's {@code with:} values, read with the types the module expects. Runbook values arrive
 * as rendered templates: a single placeholder keeps its type (a list of queue ids stays a list),
 * anything else is text ({@code sample: 20} is the string "20"), so numbers, booleans and lists
 * are accepted in either form. A bad value is an {@link IllegalArgumentException}, which the
 * engine shows as the step's failure.
 */
final class StepArguments {
    private final String module;
    private final Map<String, Object> args;

    StepArguments(String module, Map<String, Object> args) {
        this.module = module;
        this.args = args;
    }

    /** The text value, or null when absent or blank. */
    String text(String key) {
        Object v = args.get(key);
        if (v == null) return null;
        String s = v.toString().strip();
        return s.isEmpty() ? null : s;
    }

    String required(String key) {
        String s = text(key);
        if (s == null) throw new IllegalArgumentException(module + ": `" + key + "` is required and was empty");
        return s;
    }

    /** Like {@link #required} but unstripped: a password is what it is, spaces included. */
    String secret(String key) {
        Object v = args.get(key);
        if (v == null || v.toString().isEmpty()) {
            throw new IllegalArgumentException(module + ": `" + key + "` is required and was empty");
        }
        return v.toString();
    }

    int integer(String key, int defaultValue) {
        String s = text(key);
        if (s == null) return defaultValue;
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(module + ": `" + key + "` must be a whole number, got '" + s + "'");
        }
    }

    boolean bool(String key, boolean defaultValue) {
        String s = text(key);
        if (s == null) return defaultValue;
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(module + ": `" + key + "` must be true or false, got '" + s + "'");
        };
    }

    /**
     * A list: a real list, or text split on commas and white space (so {@code ids: "A1 B2"} and a
     * Groovy list rendered by a single placeholder both work). Absent → empty.
     */
    List<String> list(String key) {
        Object v = args.get(key);
        List<String> out = new ArrayList<>();
        if (v == null) return out;
        if (v instanceof Collection<?> c) {
            for (Object o : c) {
                if (o != null && !o.toString().isBlank()) out.add(o.toString().strip());
            }
            return out;
        }
        if (v.getClass().isArray()) {
            throw new IllegalArgumentException(module + ": `" + key + "` must be a list");
        }
        String s = v.toString().strip();
        if (s.startsWith("[") && s.endsWith("]")) s = s.substring(1, s.length() - 1);
        for (String part : s.split("[,\\s]+")) {
            if (!part.isEmpty()) out.add(part);
        }
        return out;
    }
}

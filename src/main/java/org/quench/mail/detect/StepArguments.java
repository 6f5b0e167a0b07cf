package org.quench.mail.detect;

import org.quench.runbook.DurationParser;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Typed reading of a step's {@code with:} values. Templated values arrive as strings
 * ({@code "{{ since }}"} renders to {@code "2h"}), expression values as lists, numbers or
 * durations, and the register of an earlier step as maps and lists: each getter accepts every form
 * a runbook can reasonably produce and names the key when it cannot use a value.
 */
public final class StepArguments {
    private final String module;
    private final Map<String, Object> args;

    public StepArguments(String module, Map<String, Object> args) {
        this.module = module;
        this.args = args == null ? Map.of() : args;
    }

    /** Null for absent, null, or blank (an unset template variable renders as ""). */
    public String string(String key) {
        Object v = args.get(key);
        if (v == null) {
            return null;
        }
        String s = v.toString().strip();
        return s.isEmpty() ? null : s;
    }

    /** A list, or a comma/whitespace separated string ({@code "a, b"}); empty when absent. */
    public List<String> list(String key) {
        Object v = args.get(key);
        List<String> out = new ArrayList<>();
        if (v instanceof Collection<?> c) {
            for (Object o : c) {
                if (o != null && !o.toString().isBlank()) {
                    out.add(o.toString().strip());
                }
            }
        } else if (v != null) {
            String s = v.toString().strip();
            // "[a, b]": a list that went through a template
            if (s.startsWith("[") && s.endsWith("]")) {
                s = s.substring(1, s.length() - 1);
            }
            for (String part : s.split("[,\\s]+")) {
                if (!part.isBlank()) {
                    out.add(part);
                }
            }
        }
        return out;
    }

    public boolean bool(String key, boolean fallback) {
        String s = string(key);
        if (s == null || s.isBlank()) {
            return fallback;
        }
        return switch (s.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(module + ": `" + key + "` must be true or false, got \"" + s + "\"");
        };
    }

    public long number(String key, long fallback) {
        Object v = args.get(key);
        if (v == null || v.toString().isBlank()) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(v.toString().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(module + ": `" + key + "` must be a whole number, got \"" + v + "\"");
        }
    }

    public Duration duration(String key) {
        Object v = args.get(key);
        if (v == null || v.toString().isBlank()) {
            return null;
        }
        if (v instanceof Duration d) {
            return d;
        }
        try {
            return DurationParser.parse(v.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(module + ": `" + key + "`: " + e.getMessage());
        }
    }

    /** An instant ({@code 2026-11-23T08:00:00Z}) or a date (its end, UTC); null when absent. */
    public Instant instant(String key) {
        String s = string(key);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException notInstant) {
            try {
                return LocalDate.parse(s).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(module + ": `" + key + "` must be an instant like "
                        + "2026-11-23T08:00:00Z or a date, got \"" + s + "\"");
            }
        }
    }

    /**
     * The zone the host's syslog timestamps are in: a fixed offset such as {@code +0100}, or the
     * local zone when absent (syslog lines carry none, so a runbook names it when the two differ).
     */
    public ZoneId utcOffset(String key) {
        String offset = string(key);
        if (offset == null) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneOffset.of(offset);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(module + ": `" + key + "` must look like +0100 or -05:00, got \"" + offset + "\"");
        }
    }

    /**
     * {@code log_source} (files or journal) with {@code log_files}; a step that reads files must be
     * told which, since guessing a path on someone's mail server would read the wrong log silently.
     */
    public LogSource logSource() {
        String source = string("log_source");
        boolean journal = "journal".equalsIgnoreCase(source);
        if (source != null && !journal && !"files".equalsIgnoreCase(source)) {
            throw new IllegalArgumentException(module + ": `log_source` is files or journal, got \"" + source + "\"");
        }
        List<String> files = list("log_files");
        if (!journal && files.isEmpty()) {
            throw new IllegalArgumentException(module + ": no log to read: pass `log_files` (or `log_source: journal`),"
                    + " e.g. from a `mail.discover` step's logFiles");
        }
        return new LogSource(journal, files);
    }
}

package org.quench.runbook;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in runbooks and on the command line: {@code 500ms}, {@code 30s},
 * {@code 15m}, {@code 2h}, {@code 1d}, or combined ({@code 1h30m}). A bare number is refused: a
 * timeout of "30" could mean seconds or minutes, and guessing wrong matters.
 */
public final class DurationParser {
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:ms|s|m|h|d))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    static final String EXAMPLES = "like 500ms, 30s, 15m, 2h, 1d";

    private DurationParser() {
    }

    /** @throws IllegalArgumentException with a message for a person when the text is not a duration */
    public static Duration parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (!WHOLE.matcher(trimmed).matches()) {
            if (trimmed.matches("\\d+")) {
                throw new IllegalArgumentException("\"" + trimmed + "\" has no unit (" + EXAMPLES + ")");
            }
            throw new IllegalArgumentException("\"" + trimmed + "\" is not a duration (" + EXAMPLES + ")");
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(trimmed);
        try {
            while (part.find()) {
                long amount = Long.parseLong(part.group(1));
                total = total.plus(switch (part.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                });
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("\"" + trimmed + "\" is too long a duration");
        }
        return total;
    }

    /** The shortest text {@link #parse} reads back as {@code d}, e.g. {@code 1h30m}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long days = d.toDays();
        if (days > 0) {
            out.append(days).append('d');
        }
        if (d.toHoursPart() > 0) {
            out.append(d.toHoursPart()).append('h');
        }
        if (d.toMinutesPart() > 0) {
            out.append(d.toMinutesPart()).append('m');
        }
        if (d.toSecondsPart() > 0) {
            out.append(d.toSecondsPart()).append('s');
        }
        if (d.toMillisPart() > 0) {
            out.append(d.toMillisPart()).append("ms");
        }
        return out.toString();
    }
}

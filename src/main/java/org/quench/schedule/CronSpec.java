package org.quench.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A cron expression and its fire times. Five fields are classic Unix cron (minute hour day month
 * weekday, as in crontab); six fields put seconds first (Spring style), for sub-minute schedules
 * such as tests. Parsing and the calendar arithmetic are cron-utils'.
 */
public final class CronSpec {
    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final CronParser WITH_SECONDS = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING));

    private final String text;
    private final ExecutionTime times;

    private CronSpec(String text, ExecutionTime times) {
        this.text = text;
        this.times = times;
    }

    /** @throws IllegalArgumentException with cron-utils' explanation when the expression is invalid */
    public static CronSpec parse(String text) {
        String t = text == null ? "" : text.strip();
        int fields = t.isEmpty() ? 0 : t.split("\\s+").length;
        CronParser parser = switch (fields) {
            case 5 -> UNIX;
            case 6 -> WITH_SECONDS;
            default -> throw new IllegalArgumentException("expected 5 fields (minute hour day month weekday) or 6 (seconds first), got "
                    + fields + " in '" + t + "'");
        };
        try {
            Cron cron = parser.parse(t).validate();
            return new CronSpec(t, ExecutionTime.forCron(cron));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid cron expression '" + t + "': " + e.getMessage());
        }
    }

    /** The first fire time strictly after {@code after}; empty when the expression never fires again. */
    public Optional<ZonedDateTime> next(ZonedDateTime after) {
        return times.nextExecution(after);
    }

    @Override
    public String toString() {
        return text;
    }
}

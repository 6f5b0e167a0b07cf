package org.quench.schedule;

import java.time.Duration;
import java.util.List;

/**
 * A schedules file.
 *
 * @param stopGrace on SIGTERM, how long a run in progress may take to finish before it is cancelled
 */
public record ScheduleConfig(List<ScheduleEntry> entries, Duration stopGrace) {
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(60);
}

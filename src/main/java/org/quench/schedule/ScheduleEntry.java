package org.quench.schedule;

import org.quench.runbook.SourcePos;

import java.time.Duration;
import java.util.List;

/**
 * One schedule: when, and which quench command line to run.
 *
 * @param args    the quench arguments (without "quench"), e.g. [audit, trusted-relays, -l, all]
 * @param jitter  each run starts a random 0..jitter after its fire time (spreads a fleet's load)
 * @param timeout a run still going after this is cancelled; null: no limit
 */
public record ScheduleEntry(String name, CronSpec cron, List<String> args, Duration jitter, Duration timeout, SourcePos pos) {
}

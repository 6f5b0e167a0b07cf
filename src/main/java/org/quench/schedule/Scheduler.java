package org.quench.schedule;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The foreground scheduler behind {@code quench schedule}. Each entry has its own thread that
 * sleeps until the next fire time (plus jitter), starts the run and waits for it: a run therefore
 * never overlaps itself — fire times that pass while it is still going are skipped and logged —
 * while different entries do not hold each other up.
 * <p>
 * {@link #stop} (SIGTERM, Ctrl-C) stops scheduling at once; a run in progress may finish within
 * the config's stop_grace, after which it is cancelled (SIGTERM to its process and the processes
 * it started, then SIGKILL after 10 s). {@link #run} returns when every entry thread has ended.
 */
public final class Scheduler {
    private static final Duration KILL_AFTER = Duration.ofSeconds(10);

    /** Starts one run of an entry as a process; its output goes to {@code output}. */
    public interface Launcher {
        Process start(ScheduleEntry entry, String runId, Path output) throws IOException;
    }

    private final ScheduleConfig config;
    private final Launcher launcher;
    private final Supplier<String> ids;
    private final Path outputDir;
    private final PrintStream log;
    private final ZoneId zone;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile long stopRequestedAt;

    public Scheduler(ScheduleConfig config, Launcher launcher, Supplier<String> ids, Path outputDir, PrintStream log, ZoneId zone) {
        this.config = config;
        this.launcher = launcher;
        this.ids = ids;
        this.outputDir = outputDir;
        this.log = log;
        this.zone = zone;
    }

    /** Runs every entry until {@link #stop}; returns once all have ended. */
    public void run() throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (ScheduleEntry e : config.entries()) {
            Thread t = new Thread(() -> loop(e), "schedule-" + e.name());
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) t.join();
    }

    public void stop(String why) {
        if (stopping.getCount() == 0) return;
        stopRequestedAt = System.nanoTime();
        log(why + ": stopping; no new runs start; a run in progress gets " + seconds(config.stopGrace()) + " to finish");
        stopping.countDown();
    }

    public boolean stopped() {
        return stopping.getCount() == 0;
    }

    private void loop(ScheduleEntry e) {
        ZonedDateTime from = ZonedDateTime.now(zone);
        boolean first = true;
        while (!stopped()) {
            Optional<ZonedDateTime> fire = e.cron().next(from);
            if (fire.isEmpty()) {
                log(e.name() + ": cron '" + e.cron() + "' never fires again; this schedule ends");
                return;
            }
            Instant at = fire.get().toInstant().plus(jitter(e.jitter()));
            if (first) {
                log(e.name() + ": next run at " + at.truncatedTo(ChronoUnit.SECONDS) + " (cron '" + e.cron() + "'): quench "
                        + String.join(" ", e.args()));
                first = false;
            }
            try {
                long waitMs = Math.max(0, Duration.between(Instant.now(), at).toMillis());
                if (stopping.await(waitMs, TimeUnit.MILLISECONDS)) return;
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
            runOnce(e);
            ZonedDateTime now = ZonedDateTime.now(zone);
            int skipped = 0;
            ZonedDateTime t = fire.get();
            while (true) {
                Optional<ZonedDateTime> n = e.cron().next(t);
                if (n.isEmpty() || n.get().isAfter(now)) break;
                t = n.get();
                skipped++;
            }
            if (skipped > 0 && !stopped()) {
                log(e.name() + ": skipped " + skipped + " fire time(s) while the previous run was still going (a schedule never overlaps itself)");
            }
            // Never before the fire time just handled: a wake-up a hair early must not run it twice.
            from = now.isAfter(fire.get()) ? now : fire.get();
        }
    }

    private void runOnce(ScheduleEntry e) {
        String id = ids.get();
        Path output = outputDir.resolve(e.name() + ".log");
        long started = System.nanoTime();
        Process p;
        try {
            p = launcher.start(e, id, output);
        } catch (IOException ex) {
            log(e.name() + ": run " + id + " could not start: " + ex.getMessage());
            return;
        }
        log(e.name() + ": run " + id + " started (pid " + p.pid() + "): quench " + String.join(" ", e.args()));
        String cancelled = null;
        try {
            while (!p.waitFor(200, TimeUnit.MILLISECONDS)) {
                long now = System.nanoTime();
                if (e.timeout() != null && now - started > e.timeout().toNanos()) {
                    cancelled = "timeout " + seconds(e.timeout()) + " reached";
                } else if (stopped() && now - stopRequestedAt > config.stopGrace().toNanos()) {
                    cancelled = "stop_grace " + seconds(config.stopGrace()) + " over";
                }
                if (cancelled != null) {
                    log(e.name() + ": run " + id + " cancelled (" + cancelled + ")");
                    cancel(p);
                    break;
                }
            }
            p.waitFor();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            cancel(p);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        int exit = p.isAlive() ? -1 : p.exitValue();
        log(e.name() + ": run " + id + " finished: exit " + exit + " (" + (cancelled != null ? "cancelled" : meaning(exit)) + ") in "
                + String.format("%.1f s", took.toMillis() / 1000.0) + "; output in " + output);
    }

    /** SIGTERM to the run and what it started (a local command, an ssh), SIGKILL if still there after 10 s. */
    private static void cancel(Process p) {
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        p.destroy();
        tree.forEach(ProcessHandle::destroy);
        try {
            if (!p.waitFor(KILL_AFTER.toMillis(), TimeUnit.MILLISECONDS)) p.destroyForcibly();
        } catch (InterruptedException ex) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    static String meaning(int exit) {
        return switch (exit) {
            case 0 -> "ok";
            case 1 -> "findings";
            case 2 -> "usage or invalid runbook/inventory";
            case 3 -> "execution failure";
            default -> "killed or crashed";
        };
    }

    private static Duration jitter(Duration max) {
        if (max == null || max.isZero()) return Duration.ZERO;
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(max.toMillis() + 1));
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private void log(String message) {
        synchronized (log) {
            log.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + message);
            log.flush();
        }
    }
}

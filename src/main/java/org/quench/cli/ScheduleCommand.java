package org.quench.cli;

import org.quench.history.RunRecord;
import org.quench.schedule.ScheduleConfig;
import org.quench.schedule.ScheduleEntry;
import org.quench.schedule.ScheduleLoader;
import org.quench.schedule.Scheduler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.Callable;

@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = {"Run quench commands on cron schedules, in the foreground (for systemd, a container, a tmux).",
                "Each run is a child quench process with its own run record; a schedule never overlaps itself.",
                "SIGTERM/Ctrl-C: no new runs; a run in progress may finish within stop_grace, then is cancelled; exit 0."})
public final class ScheduleCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", required = true, description = "Schedules file (YAML).")
    Path config;

    @Option(names = "--check", description = "Only check the file and print each schedule's next fire times; exit 0 when valid.")
    boolean check;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(config)) throw UserError.usage("schedules file " + config + " does not exist");
        ScheduleConfig cfg;
        try {
            cfg = ScheduleLoader.load(config, new CommandLineCheck());
        } catch (ScheduleLoader.ScheduleException e) {
            throw UserError.usage("invalid schedules file:\n" + e.getMessage());
        }
        ZoneId zone = ZoneId.systemDefault();
        if (check) {
            for (ScheduleEntry e : cfg.entries()) {
                System.out.println(e.name() + ": cron '" + e.cron() + "' (" + zone + "): quench " + String.join(" ", e.args()));
                ZonedDateTime t = ZonedDateTime.now(zone);
                for (int i = 0; i < 3; i++) {
                    var n = e.cron().next(t);
                    if (n.isEmpty()) break;
                    System.out.println("  next " + n.get());
                    t = n.get();
                }
            }
            System.out.println(cfg.entries().size() + " schedule(s) valid");
            return ExitCodes.OK;
        }
        Path outputDir = Locations.home().resolve("schedule");
        Files.createDirectories(outputDir);
        Scheduler scheduler = new Scheduler(cfg, new ChildQuench(), RunRecord::generateId, outputDir, System.out, zone);
        StopSignals.onStop(scheduler::stop);
        System.out.println("quench schedule: " + cfg.entries().size() + " schedule(s) from " + config + ", times in " + zone
                + "; run output in " + outputDir + "; stop with SIGTERM or Ctrl-C");
        System.out.flush();
        scheduler.run();
        System.out.println("quench schedule: stopped");
        return ExitCodes.OK;
    }
}

package org.quench.schedule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quench.cli.CommandLineCheck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Schedules files checked against the real quench command line parser. */
class ScheduleLoaderTest {
    @TempDir Path tmp;

    private Path file(String yaml) throws Exception {
        Path f = tmp.resolve("schedules.yml");
        Files.writeString(f, yaml);
        return f;
    }

    private ScheduleConfig load(String yaml) throws Exception {
        return ScheduleLoader.load(file(yaml), new CommandLineCheck());
    }

    private String error(String yaml) throws Exception {
        Path f = file(yaml);
        try {
            ScheduleLoader.load(f, new CommandLineCheck());
        } catch (ScheduleLoader.ScheduleException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected an error for:\n" + yaml);
    }

    @Test
    void runLinesAndRunbookEntriesBecomeQuenchArguments() throws Exception {
        ScheduleConfig c = load("""
                stop_grace: 5s
                schedules:
                  - name: spool
                    cron: "*/15 * * * *"
                    run: quench run demo-spool -l 'mx*' -e "sender=a b" --dry-run --shard 2/3
                    jitter: 30s
                    timeout: 10m
                  - name: nightly
                    cron: "0 3 * * *"
                    runbook: demo-spool
                    limit: all
                    inventory: inv/hosts.yml
                    extra_vars: {sender: x@example.test}
                """);
        assertThat(c.stopGrace()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.entries()).hasSize(2);
        ScheduleEntry a = c.entries().get(0);
        assertThat(a.args()).containsExactly("run", "demo-spool", "-l", "mx*", "-e", "sender=a b", "--dry-run", "--shard", "2/3");
        assertThat(a.jitter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(a.timeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.entries().get(1).args()).containsExactly("run", "demo-spool", "--dry-run", "-i", "inv/hosts.yml", "-l", "all",
                "-e", "sender=x@example.test");
        assertThat(c.entries().get(1).timeout()).isNull();
    }

    @Test
    void badCronIsReportedAtItsPosition() throws Exception {
        String msg = error("""
                schedules:
                  - name: a
                    cron: "61 * * * *"
                    run: list
                """);
        assertThat(msg).startsWith(tmp.resolve("schedules.yml") + ":3:11: cron: invalid cron expression");
        assertThat(error("""
                schedules:
                  - name: a
                    cron: "* * *"
                    run: list
                """)).contains(":3:11: cron: expected 5 fields");
    }

    @Test
    void unknownCommandOrOptionIsCheckedWithTheRealCli() throws Exception {
        assertThat(error("""
                schedules:
                  - name: a
                    cron: "* * * * *"
                    run: frobnicate --all
                """)).contains(":4:10:").contains("not a valid quench command line");
        assertThat(error("""
                schedules:
                  - name: a
                    cron: "* * * * *"
                    run: run demo-spool --no-such-option
                """)).contains(":4:10:").contains("--no-such-option");
        assertThat(error("""
                schedules:
                  - name: a
                    cron: "* * * * *"
                    run: run demo-spool --shard 4/3
                """)).contains(":4:10:").contains("between 1 and 3");
    }

    @Test
    void missingRunbookIsFoundBeforeTheFirstRun() throws Exception {
        assertThat(error("""
                schedules:
                  - name: a
                    cron: "* * * * *"
                    runbook: no-such-runbook
                """)).contains(":4:14:").contains("no runbook named no-such-runbook");
    }

    @Test
    void schedulesNeverChangeAnything() throws Exception {
        assertThat(error("""
                schedules:
                  - name: a
                    cron: "* * * * *"
                    run: run demo-spool --yes
                """)).contains(":4:10:").contains("--yes is refused");
        assertThat(error("""
                schedules:
                  - name: a
                    cron: "* * * * *"
                    runbook: demo-spool
                    dry_run: false
                """)).contains(":5:14:").contains("dry_run: false is refused");
        assertThat(error("""
                schedules:
                  - name: a
                    cron: "* * * * *"
                    run: schedule -c other.yml
                """)).contains("cannot start another scheduler");
    }

    @Test
    void everyMistakeAtOnceWithItsPosition() throws Exception {
        String msg = error("""
                schedules:
                  - name: "bad name!"
                    cron: "* * * * *"
                    run: list
                    runbook: x
                    jiter: 5s
                  - name: b
                    cron: "* * * * *"
                    run: list
                    timeout: 30
                  - name: b
                    cron: "* * * * *"
                    run: "list 'unterminated"
                """);
        List<String> lines = msg.lines().toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).contains(":6:5: unknown schedule setting 'jiter'"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains(":2:11: name: letters, digits"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("give either `run:` or `runbook:`, not both"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains(":10:14: timeout: \"30\" has no unit"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains(":13:10: run: unterminated ' quote"));
    }

    @Test
    void missingPiecesAndYamlSyntax() throws Exception {
        assertThat(error("")).contains(":1:1: the file is empty");
        assertThat(error("schedule: []\n")).contains(":1:1: unknown setting 'schedule'").contains("missing `schedules:`");
        assertThat(error("schedules:\n  - name: a\n    run: list\n")).contains(":2:5: missing `cron:`");
        assertThat(error("schedules: [\n")).contains("YAML syntax error");
        assertThatThrownBy(() -> ScheduleLoader.load(tmp.resolve("none.yml"), new CommandLineCheck()))
                .hasMessageContaining("cannot read");
    }
}

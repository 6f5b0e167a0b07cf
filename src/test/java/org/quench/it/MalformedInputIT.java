package org.quench.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad runbooks and inventories through the real CLI: exit code 2, the problem as file:line:col,
 * and never a stack trace. (The loaders' own tests cover every case's exact message; these prove
 * the command line passes them on unchanged.)
 */
class MalformedInputIT {
    static final Path REPO = Path.of("").toAbsolutePath();
    static final Path BAD_RUNBOOKS = REPO.resolve("src/test/resources/runbooks/bad");
    static final Path BAD_INVENTORIES = REPO.resolve("src/test/resources/org/quench/inventory/bad");

    @TempDir Path tmp;
    Quench quench;
    Path inventory;

    @BeforeEach
    void setUp() throws Exception {
        quench = new Quench(Files.createDirectories(tmp.resolve("home")));
        inventory = tmp.resolve("hosts.yml");
        Files.writeString(inventory, "all:\n  hosts:\n    local: {ansible_connection: local}\n");
    }

    private static void assertUserError(Quench.Result r, String location) {
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).as(r.toString()).contains(location);
        assertThat(r.all()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @ParameterizedTest(name = "run {0}")
    @CsvSource({
            "duplicate-key.yml, 6:9",
            "groovy-syntax.yml, 6:18",
            "missing-stages.yml, 1:1",
            "no-kind.yml, 4:9",
            "retry-not-int.yml, 6:16",
            "sandbox-execute.yml, 5:23",
            "secret-in-command.yml, 7:35",
            "stages-not-list.yml, 2:3",
            "timeout-parsecs.yml, 6:18",
            "two-kinds.yml, 6:9",
            "unclosed-template.yml, 7:20",
            "undefined-variable.yml, 7:31",
            "unknown-step-key.yml, 6:9",
            "yaml-syntax.yml, 4:3",
    })
    void badRunbookIsRefusedBeforeAnythingRuns(String file, String lineCol) throws Exception {
        Path rb = BAD_RUNBOOKS.resolve(file);
        Quench.Result r = quench.run(REPO, "run", rb.toString(), "-i", inventory.toString(), "--dry-run");
        assertUserError(r, rb + ":" + lineCol);
        assertThat(r.out()).doesNotContain("RECAP");
    }

    @Test
    void validateReportsEveryBadFileAndExits2() throws Exception {
        Quench.Result r = quench.run(REPO, "validate", BAD_RUNBOOKS.toString());
        assertUserError(r, BAD_RUNBOOKS.resolve("two-kinds.yml") + ":6:9: ");
        long files;
        try (var s = Files.list(BAD_RUNBOOKS)) {
            files = s.count();
        }
        assertThat(r.err()).contains(files + " of " + files + " runbook(s) invalid");
    }

    @Test
    void validateAcceptsTheShippedRunbooks() throws Exception {
        Quench.Result r = quench.run(REPO, "validate", "runbooks");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("ok").contains("demo-spool.yml");
    }

    @ParameterizedTest(name = "inventory {0}")
    @CsvSource({
            "cycle.yml, 9:17",
            "dup.yml, 4:5",
            "hosts-list.yml, 5:9",
            "ini.yml, 1:1",
            "syntax.yml, 4:19",
            "top.yml, 1:1",
            "types.yml, 5:21",
    })
    void badInventoryIsRefused(String file, String lineCol) throws Exception {
        Path inv = BAD_INVENTORIES.resolve(file);
        assertUserError(quench.run(REPO, "inventory", "-i", inv.toString()), inv + ":" + lineCol);
        assertUserError(quench.run(REPO, "run", "demo-spool", "-i", inv.toString(), "-e", "sender=x", "--dry-run"),
                inv + ":" + lineCol);
    }

    @Test
    void badParameterValuesAreUsageErrors() throws Exception {
        Path rb = tmp.resolve("typed.yml");
        Files.writeString(rb, """
                name: typed
                params:
                  user: {type: email, required: true}
                  n: {type: int, default: 3}
                stages:
                  - stage: s
                    steps:
                      - {name: echo, check: "echo {{ user }} {{ n }}"}
                """);
        Quench.Result notEmail = quench.run(REPO, "run", rb.toString(), "-i", inventory.toString(), "-e", "user=bob", "--dry-run");
        assertThat(notEmail.exit()).isEqualTo(2);
        assertThat(notEmail.err()).contains("user").contains("not an email address");
        Quench.Result missing = quench.run(REPO, "run", rb.toString(), "-i", inventory.toString(), "--dry-run");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("user");
        Quench.Result unknown = quench.run(REPO, "run", rb.toString(), "-i", inventory.toString(), "-e", "user=a@b.test",
                "-e", "usr=x", "--dry-run");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("usr");
    }

    @Test
    void unknownHostPatternOptionOrRunbookAreUsageErrors() throws Exception {
        Quench.Result pattern = quench.run(REPO, "run", "demo-spool", "-i", inventory.toString(), "-l", "mx*", "-e", "sender=x");
        assertThat(pattern.exit()).as(pattern.toString()).isEqualTo(2);
        assertThat(pattern.err()).contains("mx*");
        Quench.Result option = quench.run(REPO, "run", "demo-spool", "--frobnicate");
        assertThat(option.exit()).isEqualTo(2);
        assertThat(option.err()).contains("--frobnicate");
        Quench.Result runbook = quench.run(REPO, "run", "no-such-runbook", "-i", inventory.toString());
        assertThat(runbook.exit()).isEqualTo(2);
        assertThat(runbook.err()).contains("no runbook named no-such-runbook");
        Quench.Result both = quench.run(REPO, "run", "demo-spool", "-i", inventory.toString(), "--dry-run", "--yes", "-e", "sender=x");
        assertThat(both.exit()).isEqualTo(2);
        for (Quench.Result r : new Quench.Result[]{pattern, option, runbook, both}) {
            assertThat(r.all()).doesNotContain("\tat ");
        }
    }
}

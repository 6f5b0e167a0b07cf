package org.quench.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quench.expr.ExpressionEngine;

class RunbookValidateTest {
    private final RunbookLoader loader = new RunbookLoader(new ExpressionEngine());

    @Test
    void collectsEveryProblemInFileOrder() {
        Path file = Path.of("src/test/resources/runbooks/many-problems.yml");
        List<String> lines = loader.validate(file).stream().map(p -> p.toString().substring(file.toString().length() + 1)).toList();
        assertThat(lines).containsExactly(
                "2:32: default of `user`: \"nobody\" is not an email address",
                "3:33: unknown key `requred` in parameter `max` (did you mean `required`?)",
                "8:25: check: undefined name `usr` (did you mean `user`?) (use a parameter, a register or set name, or params/host/vars/run)",
                "10:16: `retry` must be between 0 and 100",
                "11:15: duplicate step name `find` in stage `detect` (first at line 7)",
                "12:24: action: secrets may only be used in `stdin` and `env` (never in commands, messages or output)",
                "15:9: `readonly` only applies to `shell` steps (check is read-only, action is not)",
                "19:20: check: `{{` is never closed with `}}`");
    }

    @Test
    void missingFileIsAProblemNotACrash(@TempDir Path dir) {
        List<Problem> problems = loader.validate(dir.resolve("nope.yml"));
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).message()).startsWith("cannot read the runbook");
    }

    @Test
    void emptyFileAndNonMappingRoot(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.yml"), "");
        assertThat(loader.validate(empty)).extracting(Problem::message).containsExactly("the file is empty");
        Path list = Files.writeString(dir.resolve("list.yml"), "- a\n- b\n");
        assertThat(loader.validate(list)).extracting(Problem::toString)
                .containsExactly(list + ":1:1: a runbook is a mapping with `stages:` at its top, not a list");
    }

    @Test
    void stepWithOnlySetIsACheckWithoutCommand(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("s.yml"), """
                params:
                  limit: {type: int, default: 3}
                stages:
                  - stage: s
                    steps:
                      - name: compute
                        set: {twice: "limit * 2", names: "[1, 2].collect { n -> n + limit }"}
                      - name: check it
                        verify: "twice == 6 && names.size() == 2 && params.limit == 3"
                        message: "got {{ twice }} on {{ host.name }} in {{ run.dryRun ? 'dry run' : 'run' }}"
                """);
        Runbook rb = loader.load(file);
        Step compute = rb.stages().get(0).steps().get(0);
        assertThat(compute.kind()).isEqualTo(StepKind.CHECK);
        assertThat(compute.command()).isNull();
        assertThat(compute.set()).containsKeys("twice", "names");
    }

    @Test
    void namesThatExpressionsCannotReadAreRefused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("s.yml"), """
                params:
                  Queue: {type: string}
                stages:
                  - stage: s
                    steps:
                      - {name: a, check: "true", register: double}
                      - {name: b, set: {host: "1"}}
                """);
        assertThat(loader.validate(file)).extracting(p -> p.toString().substring(file.toString().length() + 1))
                .containsExactly(
                        "2:3: parameter `Queue` must start with a lowercase letter or _",
                        "6:44: register name `double` is a Groovy keyword or type; choose another name",
                        "7:25: `set` name `host` is a built-in name (params, host, vars, secrets, run, item)");
    }

    @Test
    void rawShellIsAnActionUnlessReadonly(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("s.yml"), """
                stages:
                  - stage: s
                    steps:
                      - {name: a, shell: "postsuper -d ALL"}
                      - {name: b, shell: "postqueue -j", readonly: true}
                      - {name: c, shell: "postqueue -j", readonly: false}
                """);
        assertThat(loader.load(file).stages().get(0).steps()).extracting(Step::kind)
                .containsExactly(StepKind.ACTION, StepKind.CHECK, StepKind.ACTION);
    }

    @Test
    void namesDefinedLaterOrInPostAreKnown(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("s.yml"), """
                stages:
                  - stage: s
                    steps:
                      - {name: a, check: "echo {{ later.stdout }}", when: "later != null"}
                      - {name: b, check: "true", register: later}
                post:
                  failure: [ {name: c, check: "echo {{ later.rc }} {{ vars.mail_log }}"} ]
                """);
        assertThat(loader.validate(file)).isEmpty();
    }

    @Test
    void everyValidExampleValidatesCleanlyWithTheCheckAndWithFullCompilation() throws Exception {
        RunbookLoader compiling = new RunbookLoader(new ExpressionEngine(ExpressionEngine.DEFAULT_TIME_LIMIT, true));
        try (var files = Files.list(Path.of("src/test/resources/runbooks/valid"))) {
            for (Path file : files.sorted().toList()) {
                assertThat(loader.validate(file)).as(file.toString()).isEmpty();
                assertThat(compiling.validate(file)).as(file.toString()).isEmpty();
            }
        }
    }
}

package org.quench.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.quench.expr.ExpressionEngine;

/** Each file under runbooks/bad has one mistake; the loader must point at it exactly. */
class RunbookLoaderBadTest {
    private static final Path BAD = Path.of("src/test/resources/runbooks/bad");
    private final RunbookLoader loader = new RunbookLoader(new ExpressionEngine());

    static Stream<Arguments> badRunbooks() {
        return Stream.of(
                Arguments.of("action-in-readonly.yml", "7:9", "step `s` is an action, but this runbook is `readonly: true`"),
                Arguments.of("as-without-foreach.yml", "6:9", "`as` without `foreach`: it names the loop variable of a fore"),
                Arguments.of("bad-cidr-default.yml", "2:30", "default of `net`: \"10.0.0.0/33\" has a prefix out of range (/"),
                Arguments.of("bad-duration-default.yml", "2:36", "default of `since`: \"2 hours\" is not a duration (like 500ms,"),
                Arguments.of("bad-email-default.yml", "2:32", "default of `user`: \"bob\" is not an email address"),
                Arguments.of("bad-ip-default.yml", "2:30", "default of `relay`: \"300.1.1.1\" is not an IP address"),
                Arguments.of("bad-ipv6-default.yml", "2:30", "default of `relay`: \"2001:db8::g\" is not an IP address"),
                Arguments.of("bad-multiline-expr.yml", "10:13", "verify: `java.lang.System` cannot be used in expressions"),
                Arguments.of("duplicate-key.yml", "6:9", "duplicate key `check` (first at line 5)"),
                Arguments.of("duplicate-stage-name.yml", "4:12", "duplicate stage name `a` (first at line 2)"),
                Arguments.of("duplicate-step-name.yml", "5:16", "duplicate step name `s` in stage `a` (first at line 4)"),
                Arguments.of("dynamic-method.yml", "7:28", "set.x: method names must be written literally (no dynamic me"),
                Arguments.of("foreach-empty.yml", "6:18", "`foreach` needs an expression yielding a list"),
                Arguments.of("groovy-syntax.yml", "6:18", "when: Unexpected input: '+'"),
                Arguments.of("host-field.yml", "5:25", "check: host has no `adress` (it has name, address, groups, v"),
                Arguments.of("int-default-text.yml", "2:29", "default of `max`: \"lots\" is not a whole number"),
                Arguments.of("item-with-as.yml", "8:24", "action: `item` is not defined here: this step's loop variabl"),
                Arguments.of("loop-var-outside-step.yml", "12:25", "check: undefined name `f` (use a parameter, a register or se"),
                Arguments.of("missing-stages.yml", "1:1", "missing `stages` (the list of stages to run)"),
                Arguments.of("no-kind.yml", "4:9", "step `s` has no kind: add one of check, action, shell, verif"),
                Arguments.of("param-register-conflict.yml", "8:19", "`user` is a parameter (line 2) and cannot also be a register"),
                Arguments.of("readonly-on-action.yml", "6:9", "`readonly` only applies to `shell` steps (check is read-only"),
                Arguments.of("required-with-default.yml", "2:40", "parameter `user` is required and has a default; drop one of "),
                Arguments.of("retry-not-int.yml", "6:16", "`retry` must be a whole number, not \"x\""),
                Arguments.of("retry-too-big.yml", "6:16", "`retry` must be between 0 and 100"),
                Arguments.of("runbook-empty.yml", "5:18", "`runbook` needs the name or path of a runbook"),
                Arguments.of("sandbox-execute.yml", "5:23", "verify: `execute` is not allowed in expressions: it starts a"),
                Arguments.of("secret-in-command.yml", "7:35", "action: secrets may only be used in `stdin` and `env` (never"),
                Arguments.of("secret-in-when.yml", "8:16", "when: secrets may only be used in `stdin` and `env` (never i"),
                Arguments.of("stages-not-list.yml", "2:3", "`stages` must be a list of stages (- stage: NAME), not a map"),
                Arguments.of("status-not-pending.yml", "6:17", "`status` must be pending-WORD (e.g. pending-delisting)"),
                Arguments.of("status-on-check.yml", "6:9", "`status` is only used by verify steps"),
                Arguments.of("step-no-name.yml", "4:9", "step has no `name`"),
                Arguments.of("timeout-no-unit.yml", "6:18", "`timeout`: \"30\" has no unit (like 500ms, 30s, 15m, 2h, 1d)"),
                Arguments.of("timeout-parsecs.yml", "6:18", "`timeout`: \"5 parsecs\" is not a duration (like 500ms, 30s, 1"),
                Arguments.of("timeout-zero.yml", "6:18", "`timeout` must be more than zero"),
                Arguments.of("two-kinds.yml", "6:9", "step `s` has several kinds (check, action); keep exactly one"),
                Arguments.of("unclosed-template.yml", "7:20", "check: `{{` is never closed with `}}`"),
                Arguments.of("undeclared-secret.yml", "8:20", "stdin: no secret `password` is declared"),
                Arguments.of("undefined-variable.yml", "7:31", "check: undefined name `usr` (did you mean `user`?) (use a pa"),
                Arguments.of("unknown-param-key.yml", "2:23", "unknown key `requird` in parameter `user` (did you mean `req"),
                Arguments.of("unknown-param-type.yml", "2:16", "unknown parameter type `mail` (did you mean `email`?); use o"),
                Arguments.of("unknown-step-key.yml", "6:9", "unknown key `retires` in step (did you mean `retry`?)"),
                Arguments.of("with-on-check.yml", "6:9", "`with` only applies to runbook and uses steps"),
                Arguments.of("yaml-syntax.yml", "4:3", "YAML syntax error: while parsing a flow sequence: expected '"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRunbooks")
    void reportsTheMistakeAtItsPosition(String file, String lineCol, String fragment) {
        Path path = BAD.resolve(file);
        List<Problem> problems = loader.validate(path);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).toString()).startsWith(path + ":" + lineCol + ": ").contains(fragment);
        assertThatThrownBy(() -> loader.load(path))
                .isInstanceOf(RunbookException.class)
                .hasMessage(problems.get(0).toString());
    }

    @Test
    void everyBadFileIsCovered() throws Exception {
        try (Stream<Path> files = java.nio.file.Files.list(BAD)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("unknown-top-key.yml")).toList();
            assertThat(badRunbooks().map(a -> (String) a.get()[0])).containsExactlyInAnyOrderElementsOf(names);
        }
    }

    @Test
    void unknownTopLevelKeySuggestsTheRightOne() {
        Path path = BAD.resolve("unknown-top-key.yml");
        assertThat(loader.validate(path)).extracting(Problem::toString).containsExactly(
                path + ":1:1: missing `stages` (the list of stages to run)",
                path + ":2:1: unknown key `stage` in runbook (did you mean `stages`?)");
    }
}

package org.quench.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A check (what {@code validate} runs: no class is defined, no interrupt transformations) reports
 * exactly what compiling the expression for evaluation reports: same outcome, message and position.
 */
class CheckAgreementTest {
    private static final Duration LIMIT = Duration.ofSeconds(2);

    static Stream<String> sources() {
        Stream<String> sandbox = Stream.concat(SandboxTest.refusedAtCompileTime(), SandboxTest.refusedAtRunTime())
                .map(arguments -> (String) arguments.get()[1]);
        Stream<String> more = Stream.of(
                // accepted
                "files.lines.size() > max", "x instanceof String", "def (a, b) = [1, 2]; a + b",
                "while (true) { continue }", "x ?: { -> 1 }", "\"${a.b} and ${c}\"", "[k: v, (x): 1]",
                "senders.findAll { it.count > max }*.user", "(user =~ /@(.+)/)[0][1]", "a?.b?.c ?: 'none'",
                // refused only by the checks of the class generation phase
                "x.each { continue }", "break", "x.each { break }", "foo: while (true) { break bar }",
                "final a = 1; a = 2; a",
                // refused earlier
                "def a = 1; def a = 2", "x instanceof y", "x.foo(def y = 1)", "1 +", "'unterminated", "",
                "   ", "a.b.\n  execute()", "x.collect { it ->\n  new File(it) }");
        return Stream.concat(sandbox, more);
    }

    @ParameterizedTest
    @MethodSource("sources")
    void checkAndFullCompilationAgree(String source) {
        assertThat(outcome(new ExpressionEngine(LIMIT, false), source))
                .isEqualTo(outcome(new ExpressionEngine(LIMIT, true), source));
    }

    @ParameterizedTest
    @MethodSource("sources")
    void aCheckedSourceEvaluatesOrFailsTheSameWay(String source) {
        ExpressionEngine engine = new ExpressionEngine(LIMIT, false);
        String checked = outcome(engine, source);
        if (!checked.equals("ok")) {
            // evaluation reuses the check's error and never compiles the source
            assertThat(evaluationError(engine, source)).isEqualTo(checked);
        }
    }

    private static String outcome(ExpressionEngine engine, String source) {
        try {
            engine.references(source);
            return "ok";
        } catch (ExpressionException e) {
            return e.line() + ":" + e.column() + " " + e.getMessage();
        }
    }

    private static String evaluationError(ExpressionEngine engine, String source) {
        try {
            engine.evaluate(source, java.util.Map.of());
            return "evaluated";
        } catch (ExpressionException e) {
            return e.line() + ":" + e.column() + " " + e.getMessage();
        }
    }
}

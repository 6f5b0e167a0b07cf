package org.quench.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TemplateTest {
    private static final String MARKER = "/tmp/quench-pwned-" + UUID.randomUUID();
    private final ExpressionEngine engine = new ExpressionEngine();

    static Stream<String> hostileValues() {
        return Stream.of(
                "$(touch " + MARKER + ")",
                "`touch " + MARKER + "`",
                "x; touch " + MARKER,
                "x | touch " + MARKER,
                "x && touch " + MARKER + " &",
                "line1\ntouch " + MARKER + "\nline3",
                "it's '$(touch " + MARKER + ")'",
                "\"$(touch " + MARKER + ")\"",
                "'; touch " + MARKER + "; echo '",
                "\\'$(touch " + MARKER + ")",
                "${IFS}touch${IFS}" + MARKER,
                "*", "~root", "-n", "",
                "héllo wörld ✉ 日本 \uD83D\uDE00",
                "$(touch " + MARKER + ")".repeat(400) + "x".repeat(2000));
    }

    /** The shell must receive exactly the original bytes as one argument, and run nothing. */
    @ParameterizedTest
    @MethodSource("hostileValues")
    void hostileValuesReachTheShellInert(String value) throws Exception {
        Files.deleteIfExists(Path.of(MARKER));
        String command = Template.parse("printf '%s' {{ v }}").renderShell(engine, Map.of("v", value));
        assertThat(runSh(command)).isEqualTo(value);
        assertThat(Path.of(MARKER)).doesNotExist();
    }

    @Test
    void tenKilobyteValueComesThroughWhole() throws Exception {
        String value = "'\"$`;|&\n".repeat(1280);
        assertThat(value.length()).isEqualTo(10240);
        String command = Template.parse("printf '%s' {{ v }}").renderShell(engine, Map.of("v", value));
        assertThat(runSh(command)).isEqualTo(value);
    }

    @Test
    void aListBecomesItsItemsEachQuoted() throws Exception {
        String command = Template.parse("printf '<%s>' {{ ids }}").renderShell(engine,
                Map.of("ids", List.of("A1B2", "$(touch " + MARKER + ")", "x y")));
        assertThat(command).isEqualTo("printf '<%s>' 'A1B2' '$(touch " + MARKER + ")' 'x y'");
        assertThat(runSh(command)).isEqualTo("<A1B2><$(touch " + MARKER + ")><x y>");
        assertThat(Path.of(MARKER)).doesNotExist();
        assertThat(Template.parse("rm {{ ids }}").renderShell(engine, Map.of("ids", List.of()))).isEqualTo("rm ");
    }

    @Test
    void numbersAndExpressionsAreQuotedToo() throws Exception {
        Map<String, Object> scope = Map.of("n", 5, "user", "bob@example.com");
        assertThat(Template.parse("head -n {{ n * 2 }} -- {{ user.split('@')[1] }}").renderShell(engine, scope))
                .isEqualTo("head -n '10' -- 'example.com'");
    }

    @Test
    void failsClosedOnNullMapAndNul() throws Exception {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("nothing", null);
        scope.put("m", Map.of("a", 1));
        scope.put("nul", "a\0b");
        scope.put("withNull", java.util.Arrays.asList("a", null));
        assertThatThrownBy(() -> Template.parse("rm {{ nothing }}").renderShell(engine, scope))
                .hasMessage("undefined/null value for `nothing`");
        assertThatThrownBy(() -> Template.parse("rm {{ m }}").renderShell(engine, scope)).hasMessageContaining("is a map");
        assertThatThrownBy(() -> Template.parse("rm {{ nul }}").renderShell(engine, scope)).hasMessageContaining("NUL");
        assertThatThrownBy(() -> Template.parse("rm {{ withNull }}").renderShell(engine, scope)).hasMessageContaining("null item");
    }

    @Test
    void plainAndValueRendering() throws Exception {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("count", 3);
        scope.put("ids", List.of("a", "b"));
        scope.put("nothing", null);
        assertThat(Template.parse("{{ count }} files remain{{ nothing }}").renderPlain(engine, scope)).isEqualTo("3 files remain");
        assertThat(Template.parse("{{ ids }}").renderValue(engine, scope)).isEqualTo(List.of("a", "b"));
        assertThat(Template.parse("ids: {{ ids }}").renderValue(engine, scope)).isEqualTo("ids: [a, b]");
        assertThat(Template.parse("no placeholders").renderPlain(engine, scope)).isEqualTo("no placeholders");
    }

    @Test
    void parsesPlaceholdersWithBracesInside() throws Exception {
        Template t = Template.parse("echo {{ ids.collect { it.toUpperCase() } }} and {{x}}");
        assertThat(t.expressions()).containsExactly("ids.collect { it.toUpperCase() }", "x");
        assertThat(t.freeVariables(engine)).containsExactly("ids", "x");
        assertThat(t.placeholders().get(1)).isEqualTo(new Template.Placeholder("x", 1, 51));
    }

    @Test
    void unbalancedBracesAreErrorsWithColumn() {
        assertThatThrownBy(() -> Template.parse("rm -f {{ dir }/x"))
                .isInstanceOfSatisfying(ExpressionException.class, e -> {
                    assertThat(e.getMessage()).contains("never closed");
                    assertThat(e.column()).isEqualTo(7);
                });
        assertThatThrownBy(() -> Template.parse("rm -f { dir }}"))
                .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.column()).isEqualTo(13));
        assertThatThrownBy(() -> Template.parse("line\nx {{ }}"))
                .isInstanceOfSatisfying(ExpressionException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(3);
                });
    }

    @Test
    void expressionErrorsArePlacedInTheTemplate() throws Exception {
        Template t = Template.parse("echo {{ a }} {{ b.execute() }}");
        assertThatThrownBy(() -> t.check(engine)).isInstanceOfSatisfying(ExpressionException.class, e -> {
            assertThat(e.getMessage()).contains("`execute`");
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.column()).isEqualTo(19);
        });
    }

    private static String runSh(String command) throws Exception {
        Process process = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = process.getInputStream()) {
            in.transferTo(out);
        }
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }
}

package org.quench.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every capability an expression must not reach is refused, and nothing happens on the machine. */
class SandboxTest {
    private static final String MARKER = "/tmp/quench-pwned-" + UUID.randomUUID();
    private final ExpressionEngine engine = new ExpressionEngine(Duration.ofMillis(500));
    private final Map<String, Object> scope = Map.of("x", List.of("a", "b"), "m", Map.of("k", "v"), "s", "text");

    @BeforeEach
    void noMarker() throws Exception {
        Files.deleteIfExists(Path.of(MARKER));
    }

    static Stream<Arguments> refusedAtCompileTime() {
        String touch = "'touch " + MARKER + "'";
        return Stream.of(
                Arguments.of("process via String.execute", touch + ".execute()", "`execute` is not allowed"),
                Arguments.of("process via List.execute", "['sh', '-c', " + touch + "].execute()", "`execute`"),
                Arguments.of("process via spread execute", "[" + touch + "]*.execute()", "`execute`"),
                Arguments.of("process via ProcessBuilder", "new ProcessBuilder('touch', '" + MARKER + "').start()", "`new ProcessBuilder`"),
                Arguments.of("process via Runtime", "Runtime.getRuntime().exec(" + touch + ")", "`java.lang.Runtime`"),
                Arguments.of("process via fully qualified Runtime", "java.lang.Runtime.runtime.exec(" + touch + ")", "`.runtime`"),
                Arguments.of("dynamic method name", "s.\"${'exe' + 'cute'}\"()", "method names must be written literally"),
                Arguments.of("dynamic property name", "s.\"${'cla' + 'ss'}\"", "property names must be written literally"),
                Arguments.of("quoted method name", "s.'execute'()", "`execute`"),
                Arguments.of("file via new File", "new File('" + MARKER + "').text = 'x'", "`new File`"),
                Arguments.of("file via as File", "('" + MARKER + "' as File).createNewFile()", "java.io.File"),
                Arguments.of("file via cast", "((File) '" + MARKER + "').createNewFile()", "java.io.File"),
                Arguments.of("file via typed declaration", "File f = '" + MARKER + "'; f.createNewFile()", "java.io.File"),
                Arguments.of("file via typed closure parameter", "x.each { File f -> f.delete() }", "java.io.File"),
                Arguments.of("file via java.nio", "java.nio.file.Files.createFile(java.nio.file.Path.of('" + MARKER + "'))", "java.nio.file"),
                Arguments.of("network via URL", "new URL('http://127.0.0.1:9/').text", "`new URL`"),
                Arguments.of("network via toURL", "'http://127.0.0.1:9/'.toURL().text", "`toURL`"),
                Arguments.of("network via Socket", "new Socket('127.0.0.1', 9)", "`new Socket`"),
                Arguments.of("System", "System.getenv()", "`java.lang.System`"),
                Arguments.of("System.exit", "System.exit(3)", "`java.lang.System`"),
                Arguments.of("exit method", "s.exit(3)", "`exit`"),
                Arguments.of("threads", "Thread.start { }", "`java.lang.Thread`"),
                Arguments.of("new Thread", "new Thread({ -> }).start()", "`new Thread`"),
                Arguments.of("reflection getClass", "s.getClass().forName('java.lang.Runtime')", "`getClass`"),
                Arguments.of("reflection .class", "s.class.classLoader", "`.class`"),
                Arguments.of("reflection class literal", "String.class.getMethods()", "`.class`"),
                Arguments.of("reflection forName", "Class.forName('java.lang.Runtime')", "`java.lang.Class`"),
                Arguments.of("reflection newInstance", "x.newInstance()", "`newInstance`"),
                Arguments.of("reflection via properties", "s.properties['class']", "`.properties`"),
                Arguments.of("class loading", "new GroovyClassLoader().parseClass('1')", "`new GroovyClassLoader`"),
                Arguments.of("GroovyShell", "new GroovyShell().evaluate('1')", "`new GroovyShell`"),
                Arguments.of("Eval", "Eval.me('1')", "`groovy.util.Eval`"),
                Arguments.of("evaluate", "evaluate('1 + 1')", "`evaluate(...)`"),
                Arguments.of("evaluate on a value", "s.evaluate('1')", "`evaluate`"),
                Arguments.of("metaClass", "s.metaClass", "`.metaClass`"),
                Arguments.of("metaClass method", "s.getMetaClass()", "`getMetaClass`"),
                Arguments.of("invokeMethod", "s.invokeMethod('execute', null)", "`invokeMethod`"),
                Arguments.of("method pointer", "s.&execute", "method pointers"),
                Arguments.of("method reference", "x.collect(String::valueOf)", "method references"),
                Arguments.of("import", "import java.io.File\nnew File('" + MARKER + "')", "imports are not allowed"),
                Arguments.of("static import", "import static java.lang.System.exit\nexit(0)", "static imports"),
                Arguments.of("class definition", "class X { }\n1", "class definitions"),
                Arguments.of("method definition", "def f() { 1 }\nf()", "method definitions"),
                Arguments.of("annotation", "@Grab('x:y:1') def a = 1\na", "annotations"),
                Arguments.of("this", "this.size()", "`this`"),
                Arguments.of("binding", "binding.variables", "`binding` is reserved"),
                Arguments.of("closure owner", "x.collect { owner }", "`owner` is reserved"),
                Arguments.of("closure delegate property", "({ -> 1 }).delegate", "`.delegate`"),
                Arguments.of("assignment to scope variable", "undeclared = 1", "cannot change `undeclared`"),
                Arguments.of("assignment into scope map", "m.k = 'changed'", "cannot change `m`"),
                Arguments.of("increment of scope variable", "x++", "cannot change `x`"),
                Arguments.of("println", "println 'hello'", "`println(...)`"),
                Arguments.of("sleep", "sleep(100000)", "`sleep(...)`"),
                Arguments.of("sleep on value", "s.sleep(100000)", "`sleep`"),
                Arguments.of("try/catch", "try { 1 } catch (e) { 2 }", "try/catch"),
                Arguments.of("field access", "s.@value", ".@"),
                Arguments.of("explicit getAt", "s.getAt('class')", "`getAt`"),
                Arguments.of("String.repeat", "s.repeat(1000000000)", "`repeat`"),
                Arguments.of("padLeft with computed width", "s.padLeft(x.size() * 1000000000)", "literal width"),
                Arguments.of("system property", "Integer.getInteger('user.home')", "`getInteger`"),
                Arguments.of("syntax error", "x.collect {", "Unexpected"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedAtCompileTime")
    void refusedAtCompileTime(String capability, String source, String message) {
        assertThatThrownBy(() -> engine.check(source))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining(message);
        assertThatThrownBy(() -> engine.evaluate(source, scope)).isInstanceOf(ExpressionException.class);
        assertThat(Path.of(MARKER)).doesNotExist();
    }

    static Stream<Arguments> refusedAtRunTime() {
        return Stream.of(
                Arguments.of("property read by text index on a string", "s['class']", "only maps can be indexed by name"),
                Arguments.of("property read by text index on a list", "x['class']", "only maps can be indexed by name"),
                Arguments.of("computed text index", "s['cl' + 'ass'].forName", "only maps can be indexed by name"),
                Arguments.of("string memory bomb", "'x' * 1000000000", "limit is 1000000"),
                Arguments.of("list memory bomb", "[1, 2] * 1000000000", "limit is 1000000"),
                Arguments.of("repeat via compound assignment", "def t = 'x'; t *= 1000000000; t", "limit is 1000000"),
                Arguments.of("huge power", "10 ** 100000000", "too large"),
                Arguments.of("store into a string by name", "def t = 'x'; t['bytes'] = 1", "only maps and lists"),
                Arguments.of("infinite loop", "while (true) { }", "expression exceeded 500ms"),
                Arguments.of("infinite loop in a closure", "(1..10).each { while (true) { } }", "expression exceeded 500ms"),
                Arguments.of("long range", "(1..Integer.MAX_VALUE).each { it }", "expression exceeded 500ms"),
                Arguments.of("deep recursion", "def f; f = { n -> f(n + 1) }; f(0)", "recursed too deeply"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedAtRunTime")
    void refusedAtRunTime(String capability, String source, String message) throws Exception {
        engine.check(source); // compiles: only the values make it dangerous
        assertThatThrownBy(() -> engine.evaluate(source, scope))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining(message);
    }

    @Test
    void theDefaultLimitIsTwoSeconds() {
        ExpressionEngine defaults = new ExpressionEngine();
        long start = System.nanoTime();
        assertThatThrownBy(() -> defaults.evaluate("while (true) { }", Map.of()))
                .hasMessage("expression exceeded 2s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
    }

    @Test
    void refusalsPointAtTheOffendingToken() {
        assertThatThrownBy(() -> engine.check("x.size() > 0 &&\n  s.execute()"))
                .isInstanceOfSatisfying(ExpressionException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(5);
                });
    }

    @Test
    void aTimedOutEngineStaysUsable() throws Exception {
        assertThatThrownBy(() -> engine.evaluate("while (true) { }", scope)).isInstanceOf(ExpressionException.class);
        assertThat(engine.evaluate("x.size()", scope)).isEqualTo(2);
    }
}

package org.quench.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class ExpressionEngineTest {
    private final ExpressionEngine engine = new ExpressionEngine();

    private static Map<String, Object> scope() {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("files", Map.of("lines", List.of("a.log", "b.txt", "c.log"), "rc", 0));
        scope.put("senders", List.of(Map.of("user", "bob", "count", 4312), Map.of("user", "amy", "count", 3)));
        scope.put("max", 200L);
        scope.put("user", "bob@example.com");
        scope.put("nothing", null);
        return scope;
    }

    @Test
    void propertyPathsAnswerWhatGroovyAnswers() throws Exception {
        Map<String, Object> s = scope();
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("selected", Map.of("ids", List.of("A1", "B2"), "count", 2));
        q.put("gone", null);
        s.put("q", q);
        // The parenthesised twin is not a path, so Groovy compiles and evaluates it.
        for (String path : List.of("user", "max", "nothing", "q", "q.selected", "q.selected.ids", "q.selected.count",
                "q.missing", "q.selected.missing", "files.lines", " q.selected.ids ", "senders.user", "user.empty",
                "user.bytes.length")) {
            Object groovy = engine.evaluate("(" + path + ")", s);
            Object direct = engine.evaluate(path, s);
            assertThat(direct).as(path).isEqualTo(groovy);
        }
        // Not answerable from maps: Groovy's own errors, the same as before.
        for (String path : List.of("undefinedName", "q.gone.x", "nothing.x")) {
            String groovy = null;
            String direct = null;
            try {
                engine.evaluate("(" + path + ")", s);
            } catch (ExpressionException e) {
                groovy = e.getMessage();
            }
            try {
                engine.evaluate(path, s);
            } catch (ExpressionException e) {
                direct = e.getMessage();
            }
            assertThat(direct).as(path).isNotNull().isEqualTo(groovy);
        }
        assertThat(engine.references("q.selected.ids")).containsExactly(new Reference("q", "selected", 1, 1));
        assertThat(engine.references("q.selected.ids")).isEqualTo(new ExpressionEngine().references("q.selected.ids as Object").subList(0, 1));
        // Refused names are still the sandbox's business.
        assertThatThrownBy(() -> engine.evaluate("q.class", s)).isInstanceOf(ExpressionException.class);
        assertThatThrownBy(() -> engine.evaluate("binding.variables", s)).isInstanceOf(ExpressionException.class);
        assertThatThrownBy(() -> engine.check("user.metaClass")).isInstanceOf(ExpressionException.class);
    }

    @Test
    void evaluatesOrdinaryExpressions() throws Exception {
        Map<String, Object> s = scope();
        assertThat(engine.evaluate("files.lines.findAll { it.endsWith('.log') }", s)).isEqualTo(List.of("a.log", "c.log"));
        assertThat(engine.evaluate("senders.findAll { it.count > max }*.user", s)).isEqualTo(List.of("bob"));
        assertThat(engine.evaluate("senders.collect { it.count }.sum()", s)).isEqualTo(4315);
        assertThat(engine.evaluate("senders.max { it.count }.user", s)).isEqualTo("bob");
        assertThat(engine.evaluate("senders.groupBy { it.count > 10 }.keySet() as List", s)).isEqualTo(List.of(true, false));
        assertThat(engine.evaluate("senders.countBy { it.user[0] }", s)).isEqualTo(Map.of("b", 1, "a", 1));
        assertThat(engine.evaluate("user.split('@')[1]", s)).isEqualTo("example.com");
        assertThat(engine.evaluate("user ==~ /.+@example\\.com/", s)).isEqualTo(true);
        assertThat(engine.evaluate("(user =~ /@(.+)/)[0][1]", s)).isEqualTo("example.com");
        assertThat(engine.evaluate("nothing?.size() ?: 0", s)).isEqualTo(0);
        assertThat(engine.evaluate("\"${files.lines.size()} files\"", s).toString()).isEqualTo("3 files");
        assertThat(engine.evaluate("def seen = [] as Set; files.lines.each { seen << it[-3..-1] }; seen.sort()", s))
                .isEqualTo(List.of("log", "txt"));
        assertThat(engine.evaluate("def m = [:]; m['a'] = 1; m.b = 2; m", s)).isEqualTo(Map.of("a", 1, "b", 2));
        assertThat(engine.evaluate("Math.max(3, max as int)", s)).isEqualTo(200);
        assertThat(engine.evaluate("(1..3).collect { it * 2 }", s)).isEqualTo(List.of(2, 4, 6));
        assertThat(engine.evaluate("'-' * 3 + 2 ** 3", s)).isEqualTo("---8");
        assertThat(engine.evaluate("new ArrayList([1, 2]).unique().contains(2)", s)).isEqualTo(true);
    }

    @Test
    void testAppliesGroovyTruth() throws Exception {
        Map<String, Object> s = scope();
        assertThat(engine.test("files.lines", s)).isTrue();
        assertThat(engine.test("[]", s)).isFalse();
        assertThat(engine.test("''", s)).isFalse();
        assertThat(engine.test("0", s)).isFalse();
        assertThat(engine.test("nothing", s)).isFalse();
        assertThat(engine.test("files.rc == 0", s)).isTrue();
    }

    @Test
    void freeVariablesAreTheNamesReadFromTheScope() throws Exception {
        assertThat(engine.freeVariables("files.lines.size() > max")).containsExactly("files", "max");
        assertThat(engine.freeVariables("senders.findAll { s -> s.count > limit }.collect { it.user }"))
                .containsExactly("senders", "limit");
        assertThat(engine.freeVariables("def n = 3; n + other")).containsExactly("other");
        assertThat(engine.freeVariables("\"${a.b.c}\" + host.name")).containsExactly("a", "host");
        assertThat(engine.freeVariables("[k: v]")).containsExactly("v");
        assertThat(engine.freeVariables("x.collect { it }.find { y -> y == it }")).containsExactly("x", "it");
    }

    @Test
    void referencesGiveThePropertyReadAndPosition() throws Exception {
        List<Reference> refs = engine.references("secrets.new_password + '\\n' + secrets");
        assertThat(refs).containsExactly(new Reference("secrets", "new_password", 1, 1),
                new Reference("secrets", null, 1, 31));
    }

    @Test
    void runtimeErrorsAreHumanMessages() {
        Map<String, Object> s = scope();
        assertThatThrownBy(() -> engine.evaluate("missing + 1", s)).hasMessage("undefined name `missing`");
        assertThatThrownBy(() -> engine.evaluate("user.nosuch", s)).hasMessage("no property `nosuch` on String");
        assertThatThrownBy(() -> engine.evaluate("1 / 0", s)).hasMessageContaining("Division by zero");
    }

    @Test
    void compilesEachSourceOnce() throws Exception {
        // A compiled expression is reused: 500 evaluations take far less than 500 compilations.
        long start = System.nanoTime();
        for (int i = 0; i < 500; i++) {
            engine.evaluate("files.lines.size() + " + (i % 2), scope());
        }
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                long n = i;
                results.add(pool.submit(() -> engine.evaluate("n * 2", Map.of("n", n))));
            }
            for (int i = 0; i < 40; i++) {
                assertThat(results.get(i).get()).isEqualTo(i * 2L);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

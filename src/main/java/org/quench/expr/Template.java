package org.quench.expr;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Text with {@code {{ expr }}} placeholders. The literal text is trusted runbook text and passes as
 * is; placeholder values are data (often from logs an attacker writes) and, in commands, are always
 * shell-quoted. Parsed once; rendered per host and per loop item.
 */
public final class Template {
    /**
     * A placeholder's expression and where that expression starts in the template text.
     *
     * @param line   1-based line of the first character of the expression
     * @param column 1-based column of the first character of the expression
     */
    public record Placeholder(String expression, int line, int column) {
    }

    private final String text;
    /** Alternating pieces: String for literal text, Placeholder for {{ }}. */
    private final List<Object> parts;

    private Template(String text, List<Object> parts) {
        this.text = text;
        this.parts = parts;
    }

    public static Template parse(String text) throws ExpressionException {
        return new TemplateParser(text).parse();
    }

    /** Parsing, kept apart because it tracks line and column while scanning. */
    private static final class TemplateParser {
        private final String text;
        private final List<Object> parts = new ArrayList<>();
        private final StringBuilder literal = new StringBuilder();
        private int line = 1;
        private int column = 1;

        TemplateParser(String text) {
            this.text = text;
        }

        Template parse() throws ExpressionException {
            int i = 0;
            while (i < text.length()) {
                if (text.startsWith("{{", i)) {
                    i = placeholder(i);
                } else if (text.startsWith("}}", i)) {
                    throw new ExpressionException("`}}` without a matching `{{` (write `} }` for literal braces)",
                            line, column);
                } else {
                    literal.append(text.charAt(i));
                    advance(text.charAt(i));
                    i++;
                }
            }
            flushLiteral();
            return new Template(text, List.copyOf(parts));
        }

        /** Reads one placeholder starting at {@code start}; returns the index after its {@code }}}. */
        private int placeholder(int start) throws ExpressionException {
            int openLine = line;
            int openColumn = column;
            flushLiteral();
            int depth = 0;
            int end = -1;
            for (int j = start + 2; j < text.length(); j++) {
                char c = text.charAt(j);
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    if (depth == 0 && j + 1 < text.length() && text.charAt(j + 1) == '}') {
                        end = j;
                        break;
                    }
                    depth = Math.max(depth - 1, 0);
                }
            }
            if (end < 0) {
                throw new ExpressionException("`{{` is never closed with `}}`", openLine, openColumn);
            }
            advance('{');
            advance('{');
            int k = start + 2;
            while (k < end && Character.isWhitespace(text.charAt(k))) {
                advance(text.charAt(k));
                k++;
            }
            int exprLine = line;
            int exprColumn = column;
            String expression = text.substring(k, end).strip();
            if (expression.isEmpty()) {
                throw new ExpressionException("empty placeholder `{{ }}`", openLine, openColumn);
            }
            for (; k < end + 2; k++) {
                advance(text.charAt(k));
            }
            parts.add(new Placeholder(expression, exprLine, exprColumn));
            return end + 2;
        }

        private void flushLiteral() {
            if (!literal.isEmpty()) {
                parts.add(literal.toString());
                literal.setLength(0);
            }
        }

        private void advance(char c) {
            if (c == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
    }

    /** The template text as written. */
    public String text() {
        return text;
    }

    public List<Placeholder> placeholders() {
        List<Placeholder> result = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof Placeholder p) {
                result.add(p);
            }
        }
        return result;
    }

    public List<String> expressions() {
        return placeholders().stream().map(Placeholder::expression).toList();
    }

    /** True when the whole text is exactly one placeholder (its value can keep its type). */
    public boolean isSinglePlaceholder() {
        return parts.size() == 1 && parts.get(0) instanceof Placeholder;
    }

    /** Names read by all placeholders together. */
    public Set<String> freeVariables(ExpressionEngine engine) throws ExpressionException {
        Set<String> names = new LinkedHashSet<>();
        for (Placeholder p : placeholders()) {
            try {
                names.addAll(engine.freeVariables(p.expression()));
            } catch (ExpressionException e) {
                throw locate(e, p);
            }
        }
        return names;
    }

    /** Checks every placeholder compiles and passes the sandbox. */
    public void check(ExpressionEngine engine) throws ExpressionException {
        for (Placeholder p : placeholders()) {
            try {
                engine.check(p.expression());
            } catch (ExpressionException e) {
                throw locate(e, p);
            }
        }
    }

    /**
     * Renders a shell command: each value becomes one single-quoted word, a collection becomes its
     * items each quoted and joined by spaces. A null or a map is refused rather than guessed at.
     */
    public String renderShell(ExpressionEngine engine, Map<String, Object> scope) throws ExpressionException {
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof Placeholder p) {
                out.append(shellWords(evaluate(engine, scope, p), p));
            } else {
                out.append((String) part);
            }
        }
        return out.toString();
    }

    /** Renders text for people or stdin: values as text, no quoting, null as empty. */
    public String renderPlain(ExpressionEngine engine, Map<String, Object> scope) throws ExpressionException {
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof Placeholder p) {
                Object value = evaluate(engine, scope, p);
                out.append(value == null ? "" : value.toString());
            } else {
                out.append((String) part);
            }
        }
        return out.toString();
    }

    /** A single-placeholder template gives its value unchanged (a list stays a list); others render plain. */
    public Object renderValue(ExpressionEngine engine, Map<String, Object> scope) throws ExpressionException {
        if (isSinglePlaceholder()) {
            return evaluate(engine, scope, (Placeholder) parts.get(0));
        }
        return renderPlain(engine, scope);
    }

    private static Object evaluate(ExpressionEngine engine, Map<String, Object> scope, Placeholder p)
            throws ExpressionException {
        try {
            return engine.evaluate(p.expression(), scope);
        } catch (ExpressionException e) {
            throw locate(e, p);
        }
    }

    private static String shellWords(Object value, Placeholder p) throws ExpressionException {
        if (value == null) {
            throw new ExpressionException("undefined/null value for `" + p.expression() + "`", p.line(), p.column());
        }
        if (value instanceof Map<?, ?>) {
            throw new ExpressionException("`" + p.expression() + "` is a map; a command takes text or a list",
                    p.line(), p.column());
        }
        List<Object> items = itemsOf(value);
        if (items == null) {
            return quoteOne(value, p);
        }
        StringBuilder words = new StringBuilder();
        for (Object item : items) {
            if (item == null || item instanceof Map<?, ?> || itemsOf(item) != null) {
                throw new ExpressionException("`" + p.expression() + "` holds "
                        + (item == null ? "a null item" : "a nested list or map") + "; a command takes plain items",
                        p.line(), p.column());
            }
            if (!words.isEmpty()) {
                words.append(' ');
            }
            words.append(quoteOne(item, p));
        }
        return words.toString();
    }

    private static List<Object> itemsOf(Object value) {
        if (value instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        if (value.getClass().isArray()) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                items.add(Array.get(value, i));
            }
            return items;
        }
        return null;
    }

    private static String quoteOne(Object value, Placeholder p) throws ExpressionException {
        try {
            return ShellQuote.quote(value.toString());
        } catch (IllegalArgumentException e) {
            throw new ExpressionException("value of `" + p.expression() + "` contains a NUL byte; refusing to run it",
                    p.line(), p.column());
        }
    }

    /** Moves a position inside an expression to the same spot in the template text. */
    private static ExpressionException locate(ExpressionException e, Placeholder p) {
        if (e.line() <= 0) {
            return e.at(p.line(), p.column());
        }
        if (e.line() == 1) {
            return e.at(p.line(), p.column() + Math.max(e.column(), 1) - 1);
        }
        return e.at(p.line() + e.line() - 1, e.column());
    }

    @Override
    public String toString() {
        return text;
    }
}

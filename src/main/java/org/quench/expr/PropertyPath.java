package org.quench.expr;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An expression that is only a name or a chain of property reads on it ({@code user},
 * {@code q.selected.ids}) — most placeholders of real runbooks. When every value on the way is a
 * {@link Map}, Groovy's answer is plain {@code Map.get} at each step, so it is read here without
 * compiling anything: a run whose expressions are all paths never pays for Groovy's compiler
 * (about a second of CPU on a cold JVM). Anything else — a name not in scope, a step on a value
 * that is not a map — is left to the compiled Groovy expression, which gives its own result or
 * error. Refused names (reserved variables, forbidden properties, keywords) never take this path,
 * so the sandbox sees them as before.
 */
final class PropertyPath {
    private static final Pattern SHAPE = Pattern.compile("(\\s*)([a-z_][A-Za-z0-9_]*)((?:\\.[A-Za-z_][A-Za-z0-9_]*)*)\\s*");
    private static final Set<String> KEYWORDS = Set.of("abstract", "as", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "def", "default", "do", "double", "else", "enum", "extends",
            "false", "final", "finally", "float", "for", "goto", "if", "implements", "import", "in", "instanceof", "int",
            "interface", "long", "native", "new", "null", "package", "private", "protected", "public", "record", "return",
            "short", "static", "strictfp", "super", "switch", "synchronized", "this", "threadsafe", "throw", "throws",
            "trait", "transient", "true", "try", "var", "void", "volatile", "while", "yield", "permits", "sealed", "non");
    /** Marks "not answered here": the caller evaluates with Groovy. */
    static final Object NOT_A_MAP_PATH = new Object();

    private final String root;
    private final String[] keys;
    private final int column;

    private PropertyPath(String root, String[] keys, int column) {
        this.root = root;
        this.keys = keys;
        this.column = column;
    }

    /** The path {@code source} is, or null when it is anything else. */
    static PropertyPath parse(String source) {
        if (source.indexOf('\n') >= 0 || source.indexOf('\r') >= 0) {
            return null;
        }
        Matcher m = SHAPE.matcher(source);
        if (!m.matches()) {
            return null;
        }
        String root = m.group(2);
        if (KEYWORDS.contains(root) || SandboxPolicy.RESERVED_VARIABLES.contains(root)) {
            return null;
        }
        String[] keys = m.group(3).isEmpty() ? new String[0] : m.group(3).substring(1).split("\\.");
        for (String k : keys) {
            if (KEYWORDS.contains(k) || SandboxPolicy.FORBIDDEN_PROPERTIES.containsKey(k)) {
                return null;
            }
        }
        return new PropertyPath(root, keys, m.group(1).length() + 1);
    }

    /** What the Groovy compilation's analysis reports for the same source. */
    List<Reference> references() {
        return List.of(new Reference(root, keys.length == 0 ? null : keys[0], 1, column));
    }

    /** The value, or {@link #NOT_A_MAP_PATH} when Groovy must answer. */
    Object evaluate(Map<String, Object> scope) {
        if (scope == null || !scope.containsKey(root)) {
            return NOT_A_MAP_PATH;
        }
        Object v = scope.get(root);
        for (String k : keys) {
            if (!(v instanceof Map<?, ?> map)) {
                return NOT_A_MAP_PATH;
            }
            v = map.get(k);
        }
        return v;
    }
}

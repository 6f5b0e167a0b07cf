package org.quench.expr;

import java.util.Map;
import java.util.Set;

/**
 * What expressions may touch. Allow-lists for classes (a new class in a JDK never becomes reachable
 * by accident) and a deny-list of method and property names that lead to processes, files,
 * reflection, the script's own internals or unbounded memory. Runbooks are reviewed code; this
 * policy is the second line of defence against a mistake and keeps expressions to what they are
 * for: reading registered results and computing small values.
 */
final class SandboxPolicy {
    private SandboxPolicy() {
    }

    /** Classes whose static members may be used, e.g. {@code Math.max(a, b)}, {@code Integer.MAX_VALUE}. */
    static final Set<String> STATIC_RECEIVERS = Set.of(
            "java.lang.Math", "java.lang.Integer", "java.lang.Long", "java.lang.Double",
            "java.lang.Boolean", "java.lang.Character", "java.lang.String",
            "java.math.BigDecimal", "java.math.BigInteger", "java.util.Collections",
            "java.time.Duration", "java.time.Instant");

    /** Classes that may be instantiated with {@code new}: plain data holders only. */
    static final Set<String> CONSTRUCTIBLE = Set.of(
            "java.util.ArrayList", "java.util.LinkedList", "java.util.HashMap", "java.util.LinkedHashMap",
            "java.util.TreeMap", "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet",
            "java.math.BigDecimal", "java.math.BigInteger", "java.lang.String", "java.lang.StringBuilder");

    /** Types allowed in casts, {@code as}, {@code instanceof}, declarations and closure parameters. */
    static final Set<String> VALUE_TYPES = Set.of(
            "java.lang.Object", "java.lang.String", "java.lang.CharSequence", "groovy.lang.GString",
            "java.lang.Number", "java.lang.Integer", "java.lang.Long", "java.lang.Double", "java.lang.Float",
            "java.lang.Short", "java.lang.Byte", "java.lang.Boolean", "java.lang.Character",
            "java.math.BigDecimal", "java.math.BigInteger",
            "int", "long", "double", "float", "short", "byte", "boolean", "char",
            "java.util.List", "java.util.Map", "java.util.Set", "java.util.Collection", "java.lang.Iterable",
            "java.util.ArrayList", "java.util.LinkedHashMap", "java.util.HashMap", "java.util.HashSet",
            "java.util.LinkedHashSet", "java.util.TreeSet", "java.util.TreeMap", "java.util.SortedSet",
            "java.util.SortedMap", "java.util.Map$Entry", "groovy.lang.Closure", "groovy.lang.Range",
            "groovy.lang.IntRange", "java.util.regex.Matcher", "java.time.Duration", "java.time.Instant");

    /** Method names refused whatever the receiver, with the reason shown to the runbook author. */
    static final Map<String, String> FORBIDDEN_METHODS = Map.ofEntries(
            Map.entry("execute", "it starts a process"),
            Map.entry("evaluate", "it evaluates code"),
            Map.entry("parseClass", "it compiles code"),
            Map.entry("invokeMethod", "it calls methods by name"),
            Map.entry("invoke", "it calls methods by reflection"),
            Map.entry("getProperty", "it reads properties by name"),
            Map.entry("setProperty", "it writes properties by name"),
            Map.entry("getAt", "write x[i] instead"),
            Map.entry("putAt", "write x[i] = v instead"),
            Map.entry("multiply", "write a * b instead (sizes are checked there)"),
            Map.entry("power", "write a ** b instead (sizes are checked there)"),
            Map.entry("repeat", "write s * n instead (sizes are checked there)"),
            Map.entry("getClass", "it reaches reflection"),
            Map.entry("getMetaClass", "it reaches the meta-object protocol"),
            Map.entry("setMetaClass", "it reaches the meta-object protocol"),
            Map.entry("getMetaPropertyValues", "it reaches the meta-object protocol"),
            Map.entry("getProperties", "it reaches the meta-object protocol"),
            Map.entry("respondsTo", "it reaches the meta-object protocol"),
            Map.entry("hasProperty", "it reaches the meta-object protocol"),
            Map.entry("newInstance", "it creates objects by reflection"),
            Map.entry("forName", "it loads classes"),
            Map.entry("loadClass", "it loads classes"),
            Map.entry("defineClass", "it loads classes"),
            Map.entry("getClassLoader", "it loads classes"),
            Map.entry("getMethod", "it reaches reflection"),
            Map.entry("getMethods", "it reaches reflection"),
            Map.entry("getDeclaredMethod", "it reaches reflection"),
            Map.entry("getDeclaredMethods", "it reaches reflection"),
            Map.entry("getField", "it reaches reflection"),
            Map.entry("getFields", "it reaches reflection"),
            Map.entry("getDeclaredField", "it reaches reflection"),
            Map.entry("getDeclaredFields", "it reaches reflection"),
            Map.entry("getConstructor", "it reaches reflection"),
            Map.entry("getDeclaredConstructor", "it reaches reflection"),
            Map.entry("setAccessible", "it reaches reflection"),
            Map.entry("exit", "it stops the program"),
            Map.entry("halt", "it stops the program"),
            Map.entry("getBinding", "it reaches the script's internals"),
            Map.entry("setBinding", "it reaches the script's internals"),
            Map.entry("run", "it reaches the script's internals"),
            Map.entry("sleep", "it blocks the run"),
            Map.entry("wait", "it blocks the run"),
            Map.entry("notify", "it touches monitors"),
            Map.entry("notifyAll", "it touches monitors"),
            Map.entry("use", "it changes method lookup"),
            Map.entry("mixin", "it changes method lookup"),
            Map.entry("print", "expressions do not print"),
            Map.entry("println", "expressions do not print"),
            Map.entry("printf", "expressions do not print"),
            Map.entry("toURL", "it reaches the network"),
            Map.entry("toURI", "it reaches the network"),
            Map.entry("getInteger", "it reads system properties"),
            Map.entry("getLong", "it reads system properties"),
            Map.entry("getBoolean", "it reads system properties"),
            Map.entry("dump", "it exposes object internals"));

    /** Property names refused whatever the receiver. */
    static final Map<String, String> FORBIDDEN_PROPERTIES = Map.ofEntries(
            Map.entry("class", "it reaches reflection"),
            Map.entry("metaClass", "it reaches the meta-object protocol"),
            Map.entry("properties", "it reaches the meta-object protocol"),
            Map.entry("metaPropertyValues", "it reaches the meta-object protocol"),
            Map.entry("binding", "it reaches the script's internals"),
            Map.entry("classLoader", "it loads classes"),
            Map.entry("owner", "it reaches the script's internals"),
            Map.entry("delegate", "it reaches the script's internals"),
            Map.entry("thisObject", "it reaches the script's internals"),
            Map.entry("methods", "it reaches reflection"),
            Map.entry("declaredMethods", "it reaches reflection"),
            Map.entry("fields", "it reaches reflection"),
            Map.entry("declaredFields", "it reaches reflection"),
            Map.entry("constructors", "it reaches reflection"),
            Map.entry("declaredConstructors", "it reaches reflection"),
            Map.entry("protectionDomain", "it reaches reflection"),
            Map.entry("runtime", "it reaches processes"));

    /**
     * Names that, read bare, resolve to the script or closure internals instead of the scope.
     * {@code binding} would expose (and let an expression rewrite) every variable of the run.
     */
    static final Set<String> RESERVED_VARIABLES = Set.of(
            "this", "super", "binding", "metaClass", "owner", "delegate", "thisObject", "properties",
            "class");

    /** Padding methods whose width must be a small constant, or they become memory bombs. */
    static final Set<String> WIDTH_METHODS = Set.of("padLeft", "padRight", "center");
    static final int MAX_WIDTH = 10_000;
}

/**
 * Runbook expressions and command templates.
 *
 * <p>{@link org.quench.expr.ExpressionEngine} compiles Groovy expressions once through a sandbox:
 * <ul>
 *   <li>refused at compile time: imports, classes, methods, annotations, {@code this}/{@code super},
 *   {@code binding}/{@code owner}/{@code delegate}, classes other than a few value types (no System,
 *   Runtime, Thread, File, URL, Class...), {@code new} except collections/BigDecimal/String(Builder),
 *   casts and declarations to non-value types, function-style calls ({@code evaluate(..)},
 *   {@code println}), dynamic method or property names, method pointers/references, {@code .@},
 *   try/catch (it could swallow the time limit), writes to scope variables, and a deny-list of
 *   names ({@code execute}, {@code getClass}, {@code .class}, {@code metaClass}, {@code invokeMethod},
 *   {@code newInstance}, {@code forName}, {@code exit}, {@code toURL}, {@code sleep}...);</li>
 *   <li>checked at run time: {@code a[b]} with a text index only on maps (on other objects it would
 *   read any property by name); {@code *} may not build strings or lists over 1,000,000 items and
 *   integer {@code **} exponents are capped at 10,000 (memory bombs); {@code repeat} is refused and
 *   {@code padLeft/padRight/center} need a literal width ≤ 10,000;</li>
 *   <li>every evaluation stops after the engine's time limit (default 2 s); deep recursion and
 *   out-of-memory become {@link org.quench.expr.ExpressionException}s.</li>
 * </ul>
 * Large materialisations without a loop (e.g. {@code (1..1e8).toList()}) are bounded only by the
 * time limit and the heap: runbooks are reviewed code, and host data is never compiled.
 *
 * <p>{@link org.quench.expr.Template} renders {@code {{ expr }}}; in commands every value is quoted
 * by {@link org.quench.expr.ShellQuote}.
 */
package org.quench.expr;

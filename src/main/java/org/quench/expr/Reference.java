package org.quench.expr;

/**
 * A read of a name that the expression does not define itself (it must come from the scope).
 *
 * @param name     the top-level name, e.g. {@code secrets}
 * @param property the property read directly on it ({@code secrets.new_password} gives
 *                 {@code new_password}); null when the name is used in any other way
 * @param line     1-based line inside the expression source
 * @param column   1-based column inside the expression source
 */
public record Reference(String name, String property, int line, int column) {
}

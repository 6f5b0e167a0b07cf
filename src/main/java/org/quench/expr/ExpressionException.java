package org.quench.expr;

/**
 * An expression or template that cannot be compiled, is refused by the sandbox, or failed while
 * being evaluated. The message is written for the person who wrote the runbook; {@link #line()} and
 * {@link #column()} locate the problem inside the expression source (1-based, 0 when unknown) so
 * the runbook loader can translate them into {@code file:line:col}.
 */
public class ExpressionException extends Exception {
    private final int line;
    private final int column;

    public ExpressionException(String message) {
        this(message, 0, 0);
    }

    public ExpressionException(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    public ExpressionException(String message, int line, int column, Throwable cause) {
        super(message, cause);
        this.line = line;
        this.column = column;
    }

    /** 1-based line inside the expression source, 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column inside the expression source, 0 when unknown. */
    public int column() {
        return column;
    }

    /** A copy whose position is {@code line:column}; used when an expression sits inside a template. */
    public ExpressionException at(int newLine, int newColumn) {
        return new ExpressionException(getMessage(), newLine, newColumn, getCause());
    }
}

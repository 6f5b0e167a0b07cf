package org.quench.runbook;

/** Where something was written: the file, 1-based line and column. Used in every user-facing error. */
public record SourcePos(String file, int line, int col) {
    public static final SourcePos UNKNOWN = new SourcePos("<unknown>", 0, 0);

    @Override
    public String toString() {
        return file + ":" + line + ":" + col;
    }
}

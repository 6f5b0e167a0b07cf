package org.quench.runbook;

/** One thing wrong with a runbook, where it is: printed as {@code file:line:col: message}. */
public record Problem(SourcePos pos, String message) {
    @Override
    public String toString() {
        return pos + ": " + message;
    }
}

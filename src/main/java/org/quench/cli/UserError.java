package org.quench.cli;

/**
 * A mistake the engineer can fix (bad runbook, unknown host pattern, missing file): printed as its
 * message alone, never with a stack trace, and mapped to its exit code.
 */
public final class UserError extends RuntimeException {
    private final int exitCode;

    public UserError(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public static UserError usage(String message) {
        return new UserError(ExitCodes.USAGE, message);
    }

    public int exitCode() {
        return exitCode;
    }
}

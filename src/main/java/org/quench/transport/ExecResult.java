package org.quench.transport;

/** Outcome of one remote command. {@code stdout} is empty when it was streamed elsewhere. */
public record ExecResult(int exitCode, String stdout, String stderr, long durationMs) {
    public boolean ok() {
        return exitCode == 0;
    }
}

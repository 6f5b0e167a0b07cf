package org.quench.cli;

/** PRODUCT.md §4. */
public final class ExitCodes {
    /** Done and verified, or a dry run with nothing to report. */
    public static final int OK = 0;
    /** Findings (dry run, audit) or unstable (a verify failed). */
    public static final int FINDINGS = 1;
    /** Usage error, invalid runbook or inventory. */
    public static final int USAGE = 2;
    /** Execution failure: host unreachable, auth or host key refused, a step failed. */
    public static final int EXECUTION = 3;

    private ExitCodes() {
    }
}

package org.quench.engine;

/**
 * Whether actions execute. The engine consults this in one place ({@link ActionGate}); steps never
 * decide it themselves.
 */
public enum RunMode {
    /** Checks run for real; actions and approvals are recorded as planned. */
    PLAN,
    /** Actions execute (the engineer said --yes or confirmed the plan). */
    APPLY
}

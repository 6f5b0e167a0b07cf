package org.quench.runbook;

/**
 * What a step is allowed to do. The engine decides from this alone whether a step may run in a dry
 * run, so no step implementation can forget the dry-run rule.
 */
public enum StepKind {
    /** Read-only: runs in dry runs too. */
    CHECK,
    /** Changes something: never runs in a dry run, only planned. */
    ACTION,
    /** An assertion over registered results; fails the host when false. */
    VERIFY,
    /** A gate: actions after it run only with confirmation. */
    APPROVE,
    /** Runs another runbook on the same host; its own steps keep their own kinds. */
    RUNBOOK;

    public boolean changesThings() {
        return this == ACTION;
    }

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

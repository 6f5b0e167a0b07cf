package org.quench.engine;

/**
 * How a step, or a sequence of steps, ended. Ordered from best to worst. {@link #PENDING}: a verify
 * with a {@code status: pending-…} did not hold (still listed after remediation): reported and
 * exit 1, but the later steps still run and {@code post.success} applies, since nothing the run
 * could do was left undone.
 */
enum Outcome {
    OK, PENDING, UNSTABLE, FAILED;

    Outcome worst(Outcome other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /** Whether the steps after this one are skipped. */
    boolean stops() {
        return this == UNSTABLE || this == FAILED;
    }
}

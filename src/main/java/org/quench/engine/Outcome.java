package org.quench.engine;

/** How a step, or a sequence of steps, ended. Ordered from best to worst. */
enum Outcome {
    OK, UNSTABLE, FAILED;

    Outcome worst(Outcome other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}

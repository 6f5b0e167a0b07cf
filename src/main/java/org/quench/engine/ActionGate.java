package org.quench.engine;

import java.util.Set;

/**
 * The one place that decides whether an action may change a host. Every action step passes
 * through {@link #decide}; a step type cannot opt out, so a dry run can never execute an action.
 */
final class ActionGate {

    enum Decision { EXECUTE, PLAN, REFUSE }

    private final RunOptions options;

    ActionGate(RunOptions options) {
        this.options = options;
    }

    RunMode mode() {
        return options.mode();
    }

    /**
     * @param maskedCommand the command exactly as shown to the engineer
     */
    Decision decide(String host, String maskedCommand) {
        if (options.mode() != RunMode.APPLY) return Decision.PLAN;
        if (options.approvedPlan() == null) return Decision.EXECUTE;
        // The engineer confirmed a concrete plan; a command that is not in it (the host changed
        // between plan and apply) must not run on that confirmation.
        Set<String> approved = options.approvedPlan().get(host);
        return approved != null && approved.contains(maskedCommand) ? Decision.EXECUTE : Decision.REFUSE;
    }
}

package org.quench.runbook;

import java.util.Set;

/**
 * What the loader needs to know about a built-in step type ({@code uses: NAME}) to validate a
 * runbook: its kind (fixed by the module, never by the runbook — a module that changes things is an
 * action wherever it is used) and the {@code with:} keys it accepts and requires.
 */
public record ModuleSignature(String name, StepKind kind, Set<String> parameters, Set<String> required,
                              String description) {
    public ModuleSignature {
        if (kind != StepKind.CHECK && kind != StepKind.ACTION) {
            throw new IllegalArgumentException("a module is a check or an action, not " + kind);
        }
        parameters = Set.copyOf(parameters);
        required = Set.copyOf(required);
    }
}

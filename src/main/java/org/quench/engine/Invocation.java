package org.quench.engine;

import org.quench.runbook.Runbook;

import java.util.Map;

/**
 * One runbook running on one host: the top-level runbook, or a sub-runbook called by a step.
 * {@code scope} is what its expressions see and grows as steps register results; {@code secrets}
 * are the values generated for this invocation.
 */
record Invocation(Runbook runbook, Map<String, Object> scope, Map<String, String> secrets) {
}

package org.quench.engine;

import org.quench.runbook.Runbook;

/** Finds a sub-runbook by the name or path a step gives. */
@FunctionalInterface
public interface RunbookResolver {
    Runbook resolve(String reference) throws Exception;
}

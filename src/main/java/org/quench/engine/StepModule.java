package org.quench.engine;

import org.quench.inventory.Host;
import org.quench.runbook.ModuleSignature;

import java.util.Map;

/**
 * A built-in step type ({@code uses: NAME}): Java code that does one job on a host — parse the
 * queue, purge exact queue IDs, reset a password — where a shell one-liner would be fragile.
 * Like an Ansible module declaring its check-mode support, it states its kind once in its
 * signature; the engine, not the module, decides whether an action may run.
 */
public interface StepModule {

    ModuleSignature signature();

    /**
     * Turns the step's arguments into a concrete call. Must not touch the host: for an action, this
     * is what the dry run shows, so it must already name every command exactly.
     *
     * @throws IllegalArgumentException when an argument is unusable (shown as the step's failure)
     */
    ModuleCall prepare(Host host, Map<String, Object> args);
}

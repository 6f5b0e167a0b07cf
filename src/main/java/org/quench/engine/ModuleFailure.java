package org.quench.engine;

/** A module ran but its job is not done (e.g. queue IDs still present after postsuper -d). */
public class ModuleFailure extends Exception {
    public ModuleFailure(String message) {
        super(message);
    }
}

package org.quench.runbook;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The built-in step types a runbook may name with {@code uses:}. */
public interface ModuleCatalog {
    Optional<ModuleSignature> find(String name);

    Collection<ModuleSignature> all();

    ModuleCatalog NONE = new ModuleCatalog() {
        @Override
        public Optional<ModuleSignature> find(String name) {
            return Optional.empty();
        }

        @Override
        public Collection<ModuleSignature> all() {
            return List.of();
        }
    };
}

package org.quench.engine;

import org.quench.runbook.ModuleCatalog;
import org.quench.runbook.ModuleSignature;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The modules a run can use, by name; also the catalog the loader validates {@code uses:} against. */
public final class ModuleRegistry implements ModuleCatalog {
    private final Map<String, StepModule> modules = new LinkedHashMap<>();

    public ModuleRegistry(List<StepModule> modules) {
        for (StepModule m : modules) {
            if (this.modules.put(m.signature().name(), m) != null) {
                throw new IllegalArgumentException("two modules named " + m.signature().name());
            }
        }
    }

    public static final ModuleRegistry EMPTY = new ModuleRegistry(List.of());

    public StepModule get(String name) {
        StepModule m = modules.get(name);
        if (m == null) throw new IllegalArgumentException("no module " + name);
        return m;
    }

    @Override
    public Optional<ModuleSignature> find(String name) {
        StepModule m = modules.get(name);
        return m == null ? Optional.empty() : Optional.of(m.signature());
    }

    @Override
    public Collection<ModuleSignature> all() {
        return modules.values().stream().map(StepModule::signature).toList();
    }
}

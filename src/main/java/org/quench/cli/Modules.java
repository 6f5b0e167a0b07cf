package org.quench.cli;

import org.quench.engine.ModuleRegistry;
import org.quench.engine.StepModule;
import org.quench.mail.contain.ContainmentModules;
import org.quench.mail.detect.AccountsModule;
import org.quench.mail.detect.BlocklistBouncesModule;
import org.quench.mail.detect.DiscoverModule;
import org.quench.mail.detect.RelayDriftModule;
import org.quench.mail.detect.RelayedVolumeModule;
import org.quench.mail.detect.RogueRelaysModule;
import org.quench.mail.dnsbl.DelistingModule;
import org.quench.mail.dnsbl.DnsblModule;
import org.quench.mail.trust.TrustModule;

import java.util.ArrayList;
import java.util.List;

/** Every built-in step type quench ships, in one place, for the loader and the engine. */
final class Modules {
    private Modules() {
    }

    static ModuleRegistry all() {
        List<StepModule> modules = new ArrayList<>(List.of(new DiscoverModule(), new AccountsModule(),
                new RelayDriftModule(), new RelayedVolumeModule()));
        modules.addAll(ContainmentModules.all());
        modules.add(new TrustModule());
        modules.add(new RogueRelaysModule());
        modules.add(new DnsblModule());
        modules.add(new BlocklistBouncesModule());
        modules.add(new DelistingModule());
        return new ModuleRegistry(modules);
    }
}

package org.quench.cli;

import picocli.CommandLine;

/** Version from the jar manifest, so `quench --version` loads nothing else. */
public final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[]{"quench " + (v == null ? "development build" : v)};
    }
}

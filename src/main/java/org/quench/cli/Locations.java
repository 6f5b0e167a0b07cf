package org.quench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where runbooks and the default inventory are found: explicit paths first, then the working
 * directory, then the installation (bin/quench exports QUENCH_INSTALL_DIR), so `quench run
 * blacklisted` works from anywhere.
 */
final class Locations {
    private Locations() {
    }

    static List<Path> runbookDirs() {
        List<Path> dirs = new ArrayList<>();
        String env = System.getenv("QUENCH_RUNBOOKS");
        if (env != null) for (String d : env.split(":")) if (!d.isBlank()) dirs.add(Path.of(d));
        dirs.add(Path.of("runbooks"));
        String install = System.getenv("QUENCH_INSTALL_DIR");
        if (install != null) dirs.add(Path.of(install, "runbooks"));
        return dirs;
    }

    static Path runbook(String reference) {
        Path direct = Path.of(reference);
        if ((reference.contains("/") || reference.endsWith(".yml") || reference.endsWith(".yaml"))) {
            if (Files.isRegularFile(direct)) return direct;
            throw UserError.usage("runbook file " + reference + " does not exist");
        }
        for (Path dir : runbookDirs()) {
            for (String ext : List.of(".yml", ".yaml")) {
                Path p = dir.resolve(reference + ext);
                if (Files.isRegularFile(p)) return p;
            }
        }
        throw UserError.usage("no runbook named " + reference + " (looked in " + runbookDirs()
                + "); `quench list` shows the available ones");
    }

    static Path inventory(Path given) {
        if (given != null) {
            if (!Files.exists(given)) throw UserError.usage("inventory " + given + " does not exist");
            return given;
        }
        String env = System.getenv("QUENCH_INVENTORY");
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            if (!Files.exists(p)) throw UserError.usage("$QUENCH_INVENTORY points to " + p + ", which does not exist");
            return p;
        }
        Path local = Path.of("inventory", "hosts.yml");
        if (Files.exists(local)) return local;
        String install = System.getenv("QUENCH_INSTALL_DIR");
        if (install != null && Files.exists(Path.of(install, "inventory", "hosts.yml"))) {
            return Path.of(install, "inventory", "hosts.yml");
        }
        throw UserError.usage("no inventory: pass -i FILE, set $QUENCH_INVENTORY or create inventory/hosts.yml");
    }

    /** Run records, secrets files: $QUENCH_HOME, else ~/.quench. */
    static Path home() {
        String env = System.getenv("QUENCH_HOME");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".quench");
    }
}

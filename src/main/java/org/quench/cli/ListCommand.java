package org.quench.cli;

import org.quench.runbook.ParamSpec;
import org.quench.runbook.Runbook;
import org.quench.runbook.RunbookException;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List the runbooks with their description and parameters.")
public final class ListCommand implements Callable<Integer> {

    @Override
    public Integer call() throws IOException {
        Workbench bench = new Workbench();
        TreeMap<String, Path> byName = new TreeMap<>();
        List<Path> dirs = new ArrayList<>(Locations.runbookDirs());
        java.util.Collections.reverse(dirs); // earlier directories win
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
                        .forEach(f -> byName.put(f.getFileName().toString().replaceFirst("\\.ya?ml$", ""), f));
            }
        }
        if (byName.isEmpty()) {
            System.out.println("no runbooks found in " + Locations.runbookDirs());
            return ExitCodes.OK;
        }
        int invalid = 0;
        for (Path f : byName.values()) {
            try {
                Runbook rb = bench.loader().load(f);
                System.out.println(rb.name() + " — " + (rb.description() == null ? "" : rb.description()));
                for (ParamSpec p : rb.params().values()) {
                    System.out.println("    " + p.name() + " (" + p.type().name().toLowerCase() + (p.required() ? ", required" : "")
                            + (p.defaultValue() != null ? ", default " + shown(p.defaultValue()) : "") + ")"
                            + (p.description() != null ? "  " + p.description() : ""));
                }
            } catch (RunbookException e) {
                invalid++;
                System.out.println(f.getFileName() + " — INVALID (quench validate " + f + ")");
            }
        }
        return invalid == 0 ? ExitCodes.OK : ExitCodes.USAGE;
    }

    /** Defaults as a runbook author writes them (2h, not PT2H). */
    private static String shown(Object value) {
        return value instanceof java.time.Duration d ? org.quench.runbook.DurationParser.format(d) : String.valueOf(value);
    }
}

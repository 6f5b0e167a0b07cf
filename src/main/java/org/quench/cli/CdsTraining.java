package org.quench.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.quench.expr.ExpressionEngine;
import org.quench.inventory.InventoryException;
import org.quench.inventory.InventoryLoader;
import org.quench.report.JsonReportWriter;
import org.quench.runbook.RunbookLoader;

/**
 * Not a command: the workload bin/quench runs once with {@code -XX:ArchiveClassesAtExit} to build
 * its class-data-sharing archive. It loads the classes of the common start-ups: the command line,
 * {@code validate} (YAML, expression checks) and {@code run} (compiling expressions to classes,
 * the Groovy runtime that evaluates them, inventories, the engine in a dry run, JSON). The only
 * command it runs is {@code true} on this machine, and the only file it writes is a temporary
 * runbook, deleted again.
 *
 * <p>Usage, from the checkout: {@code java -XX:ArchiveClassesAtExit=quench.jsa -cp quench.jar org.quench.cli.CdsTraining [RUNBOOK_DIR]}
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    /**
     * The engine's own classes (host threads, gate, foreach, register, report): a dry run of a tiny
     * runbook on this machine whose only command is {@code true}; its one action is only planned.
     */
    private static void planLocally() throws Exception {
        Path file = Files.createTempFile("quench-cds", ".yml");
        try {
            Files.writeString(file, """
                    name: cds-training
                    params: {n: {type: int, default: 2}}
                    stages:
                      - stage: s
                        steps:
                          - {name: probe, check: "true", register: p, set: {items: "(1..n).collect { 'x' + it }"}}
                          - {name: act, action: "echo {{ it2 }}", foreach: "items", as: it2, when: "p.ok"}
                          - {name: holds, verify: "items.size() == n", findings: {items: "items"}}
                    """);
            Workbench bench = new Workbench(true);
            org.quench.runbook.Runbook rb = bench.loadRunbook(file);
            org.quench.inventory.Host local = new org.quench.inventory.Host("local", Map.of("ansible_connection", "local"), List.of());
            org.quench.engine.Engine engine = new org.quench.engine.Engine(bench.expressions(), ref -> rb,
                    (r, given) -> Map.of(), h -> new org.quench.transport.LocalTransport(),
                    org.quench.engine.ProgressListener.NONE, new org.quench.engine.SecretVault(),
                    Modules.all(), org.quench.engine.RunJournal.NONE);
            org.quench.report.RunReport report = engine.run(rb, bench.bindParams(rb, Map.of()), List.of(local),
                    new org.quench.engine.RunOptions("cds", true, org.quench.engine.RunMode.PLAN, 1,
                            java.time.Duration.ofSeconds(10), null));
            JsonReportWriter.toJson(report);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "runbooks");
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(quiet);
        System.setErr(quiet);
        try {
            Main.execute("--version");
            Main.execute("--help");
            if (Files.isDirectory(dir)) {
                Main.execute("validate", dir.toString());
                ExpressionEngine engine = new ExpressionEngine(ExpressionEngine.DEFAULT_TIME_LIMIT, true);
                RunbookLoader loader = new RunbookLoader(engine, Modules.all());
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                        loader.validate(f);
                    }
                }
            }
            Path inventories = Path.of("inventory");
            if (Files.isDirectory(inventories)) {
                try (Stream<Path> files = Files.list(inventories)) {
                    for (Path f : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                        try {
                            InventoryLoader.load(f);
                        } catch (InventoryException e) {
                            // still loaded the classes
                        }
                    }
                }
            }
            planLocally();
            JsonReportWriter.mapper().writeValueAsString(Map.of("hosts", List.of(Map.of("name", "a", "ok", 1))));
            ExpressionEngine engine = new ExpressionEngine();
            engine.evaluate("files.lines.findAll { it.endsWith('.log') }.collect { [name: it, n: it.size() * 2] }"
                    + ".sort { a, b -> a.n <=> b.n }*.name.join(' ') + \"${max ?: 0}\"",
                    Map.of("files", Map.of("lines", List.of("a.log", "b.txt")), "max", 3));
            engine.test("x > 1 && y?.trim() == 'ok' && (y =~ /o+k/).find()", Map.of("x", 2, "y", " ok "));
        } catch (Exception e) {
            // A failed workload only makes the archive less complete.
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}

package org.quench.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quench.expr.ExpressionEngine;
import org.quench.expr.ShellQuote;
import org.quench.inventory.Host;
import org.quench.report.RunReport;
import org.quench.report.StepRecord;
import org.quench.runbook.ModuleSignature;
import org.quench.runbook.ParamValues;
import org.quench.runbook.Problem;
import org.quench.runbook.Runbook;
import org.quench.runbook.RunbookLoader;
import org.quench.runbook.StepKind;
import org.quench.transport.ExecResult;
import org.quench.transport.LocalTransport;
import org.quench.transport.TransportException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Built-in step types (`uses:`): the module fixes the kind, the engine gates it like any action. */
class ModuleStepTest {
    @TempDir Path tmp;
    final ExpressionEngine expr = new ExpressionEngine();
    final List<String> evidence = new ArrayList<>();

    /** A check module: lists a directory and returns a map, like a queue reader would. */
    static final class ListDir implements StepModule {
        public ModuleSignature signature() {
            return new ModuleSignature("test.list", StepKind.CHECK, Set.of("dir"), Set.of("dir"), "list a directory");
        }

        public ModuleCall prepare(Host host, Map<String, Object> args) {
            String cmd = "ls -1 -- " + ShellQuote.quote(String.valueOf(args.get("dir")));
            return new ModuleCall() {
                public List<PlannedCommand> commands() {
                    return List.of(new PlannedCommand(cmd, null));
                }

                public Object execute(ModuleContext ctx) throws TransportException {
                    ExecResult r = ctx.exec(cmd, null, ctx.timeout());
                    List<String> names = r.stdout().lines().filter(l -> !l.isBlank()).toList();
                    ctx.saveEvidence("listing.txt", r.stdout());
                    return Map.of("names", names, "count", names.size());
                }
            };
        }
    }

    /** An action module: removes named files, then checks they are gone. */
    static final class Remove implements StepModule {
        public ModuleSignature signature() {
            return new ModuleSignature("test.remove", StepKind.ACTION, Set.of("dir", "names"), Set.of("dir", "names"), "remove files");
        }

        public ModuleCall prepare(Host host, Map<String, Object> args) {
            Object names = args.get("names");
            if (!(names instanceof List<?> list)) throw new IllegalArgumentException("names must be a list, got " + names);
            String dir = String.valueOf(args.get("dir"));
            String cmd = "cd -- " + ShellQuote.quote(dir) + " && xargs rm -f --";
            String stdin = String.join("\n", list.stream().map(String::valueOf).toList()) + "\n";
            return new ModuleCall() {
                public List<PlannedCommand> commands() {
                    return List.of(new PlannedCommand(cmd, list.size() + " names: " + list));
                }

                public Object execute(ModuleContext ctx) throws TransportException, ModuleFailure {
                    ExecResult r = ctx.exec(cmd, stdin.getBytes(), ctx.timeout());
                    if (r.exitCode() != 0) throw new ModuleFailure("rm failed: " + r.stderr());
                    return Map.of("removed", list.size());
                }
            };
        }
    }

    final ModuleRegistry modules = new ModuleRegistry(List.of(new ListDir(), new Remove()));
    final RunbookLoader loader = new RunbookLoader(expr, modules);

    static final String RUNBOOK = """
            name: mod
            params: {dir: {type: string, required: true}}
            stages:
              - stage: s
                steps:
                  - name: list
                    uses: test.list
                    with: {dir: "{{ dir }}"}
                    register: listing
                    findings: {files: "listing.names"}
                  - name: remove spam
                    uses: test.remove
                    with:
                      dir: "{{ dir }}"
                      names: "{{ listing.names.findAll { it.startsWith('spam') } }}"
                  - name: two spam files were found
                    verify: "listing.count == 3"
            """;

    private RunReport run(Path dir, RunMode mode) throws Exception {
        Path f = tmp.resolve("mod.yml");
        Files.writeString(f, RUNBOOK);
        Runbook rb = loader.load(f);
        Engine engine = new Engine(expr, ref -> null, (sub, given) -> Map.of(), host -> new LocalTransport(),
                ProgressListener.NONE, new SecretVault(), modules, new RunJournal() {
                    @Override
                    public void evidence(String host, String name, String content) {
                        evidence.add(host + "/" + name);
                    }
                });
        Host h = new Host("l", Map.of("ansible_connection", "local", "lock_dir", tmp.resolve("lock").toString()), List.of());
        return engine.run(rb, ParamValues.bind(rb, Map.of("dir", dir.toString())), List.of(h),
                new RunOptions("r", mode == RunMode.PLAN, mode, 1, Duration.ofSeconds(10), null));
    }

    private Path spool() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("spool"));
        for (String n : List.of("spam1", "spam2", "ham")) Files.writeString(dir.resolve(n), n);
        return dir;
    }

    @Test
    void actionModuleIsPlannedWithItsExactCommandInADryRun() throws Exception {
        Path dir = spool();
        RunReport r = run(dir, RunMode.PLAN);
        StepRecord remove = r.hosts().get(0).steps().get(1);
        assertThat(remove.kind()).isEqualTo("action");
        assertThat(remove.status()).isEqualTo("planned");
        assertThat(remove.command()).isEqualTo("cd -- '" + dir + "' && xargs rm -f --   <<< 2 names: [spam1, spam2]");
        assertThat(dir.resolve("spam1")).exists();
        assertThat(r.hosts().get(0).findings().get("files")).isEqualTo(List.of("ham", "spam1", "spam2"));
        assertThat(evidence).containsExactly("l/listing.txt");
    }

    @Test
    void actionModuleRunsWhenApplied() throws Exception {
        Path dir = spool();
        RunReport r = run(dir, RunMode.APPLY);
        assertThat(r.hosts().get(0).steps().get(1).status()).isEqualTo("changed");
        assertThat(dir.resolve("spam1")).doesNotExist();
        assertThat(dir.resolve("spam2")).doesNotExist();
        assertThat(dir.resolve("ham")).exists();
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void loaderChecksModuleNamesAndArguments() throws Exception {
        Path f = tmp.resolve("bad.yml");
        Files.writeString(f, """
                name: bad
                stages:
                  - stage: s
                    steps:
                      - {name: a, uses: test.lst, with: {dir: x}}
                      - {name: b, uses: test.list, with: {dri: x}}
                      - {name: c, uses: test.remove, readonly: true, with: {dir: x, names: y}}
                """);
        List<String> problems = loader.validate(f).stream().map(Problem::toString).toList();
        assertThat(problems).anySatisfy(p -> assertThat(p).contains(":5:").contains("unknown step type `test.lst`")
                .contains("did you mean `test.list`"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains(":6:").contains("`test.list` takes no `dri`"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains(":6:").contains("`test.list` needs `dir`"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains(":7:").contains("`readonly` only applies to `shell`"));
    }
}

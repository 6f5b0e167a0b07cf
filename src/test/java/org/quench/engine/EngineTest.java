package org.quench.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quench.expr.ExpressionEngine;
import org.quench.inventory.Host;
import org.quench.report.HostReport;
import org.quench.report.RunReport;
import org.quench.report.StepRecord;
import org.quench.runbook.ParamValues;
import org.quench.runbook.Runbook;
import org.quench.runbook.RunbookLoader;
import org.quench.transport.LocalTransport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Engine semantics on this machine's own shell (connection: local, a real transport): the dry-run
 * gate, when/foreach/register/set/findings, verify, retry, post blocks, sub-runbooks, the approved
 * plan and the host lock.
 */
class EngineTest {
    @TempDir Path tmp;
    final ExpressionEngine expr = new ExpressionEngine();
    final RunbookLoader loader = new RunbookLoader(expr);

    private Runbook runbook(String name, String yaml) throws Exception {
        Path f = tmp.resolve(name + ".yml");
        Files.writeString(f, yaml);
        return loader.load(f);
    }

    private Host local(String name) {
        return new Host(name, Map.of("ansible_connection", "local", "lock_dir", tmp.resolve("lock-" + name).toString()), List.of());
    }

    private RunReport run(Runbook rb, Map<String, String> params, RunMode mode, Map<String, Set<String>> approved, Host... hosts)
            throws Exception {
        Engine engine = new Engine(expr, ref -> loader.load(tmp.resolve(ref + ".yml")),
                (sub, given) -> {
                    Map<String, String> text = new java.util.LinkedHashMap<>();
                    given.forEach((k, v) -> text.put(k, String.valueOf(v)));
                    return ParamValues.bind(sub, text);
                },
                host -> new LocalTransport(), ProgressListener.NONE, new SecretVault(), ModuleRegistry.EMPTY, RunJournal.NONE);
        return engine.run(rb, ParamValues.bind(rb, params), List.of(hosts),
                new RunOptions("test-run", mode == RunMode.PLAN, mode, 4, Duration.ofSeconds(20), approved));
    }

    private static List<StepRecord> steps(RunReport r) {
        return r.hosts().get(0).steps();
    }

    private static StepRecord step(RunReport r, String name) {
        return steps(r).stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no step " + name));
    }

    static final String FLOW = """
            name: flow
            params:
              dir: {type: string, required: true}
            stages:
              - stage: detect
                steps:
                  - name: list
                    check: "printf 'a\\nb\\nc\\n'"
                    register: items
                    set: {n: "items.lines.size()"}
                    findings: {letters: "items.lines"}
                  - name: never
                    check: "touch {{ dir }}/never"
                    when: "n > 100"
              - stage: act
                steps:
                  - name: touch each
                    action: "touch {{ dir }}/{{ x }}"
                    foreach: "items.lines"
                    as: x
                  - name: count
                    check: "ls {{ dir }} | wc -l"
                    register: c
                  - name: all there
                    verify: "run.dryRun || c.stdout.trim() == '3'"
            post:
              always:
                - name: mark always
                  action: "touch {{ dir }}/.always"
              success:
                - name: mark success
                  action: "touch {{ dir }}/.success"
              failure:
                - name: mark failure
                  action: "touch {{ dir }}/.failure"
            """;

    @Test
    void planModeRunsChecksAndPlansEveryActionWithoutExecutingIt() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("d"));
        RunReport r = run(runbook("flow", FLOW), Map.of("dir", dir.toString()), RunMode.PLAN, null, local("l"));
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).as("no action ran").isEmpty();
        }
        assertThat(step(r, "list").status()).isEqualTo("ok");
        assertThat(step(r, "never").status()).isEqualTo("skipped");
        List<StepRecord> touches = steps(r).stream().filter(s -> s.name().equals("touch each")).toList();
        assertThat(touches).extracting(StepRecord::status).containsOnly("planned");
        assertThat(touches).extracting(StepRecord::item).containsExactly("a", "b", "c");
        assertThat(touches.get(0).command()).isEqualTo("touch '" + dir + "'/'a'");
        assertThat(step(r, "mark always").status()).isEqualTo("planned");
        assertThat(r.hosts().get(0).findings().get("letters")).isEqualTo(List.of("a", "b", "c"));
        assertThat(r.status()).isEqualTo("findings");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.dryRun()).isTrue();
    }

    @Test
    void applyModeExecutesActionsVerifiesAndRunsPostSuccess() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("d"));
        RunReport r = run(runbook("flow", FLOW), Map.of("dir", dir.toString()), RunMode.APPLY, null, local("l"));
        assertThat(dir.resolve("a")).exists();
        assertThat(dir.resolve("c")).exists();
        assertThat(dir.resolve(".always")).exists();
        assertThat(dir.resolve(".success")).exists();
        assertThat(dir.resolve(".failure")).doesNotExist();
        assertThat(step(r, "all there").status()).isEqualTo("ok");
        assertThat(r.hosts().get(0).status()).isEqualTo(HostReport.CHANGED);
        assertThat(r.exitCode()).isZero();
        assertThat(tmp.resolve("lock-l")).as("lock released").doesNotExist();
    }

    @Test
    void failedVerifyMakesTheHostUnstableSkipsTheRestAndRunsPostFailure() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("d"));
        Runbook rb = runbook("v", """
                name: v
                params: {dir: {type: string, required: true}}
                stages:
                  - stage: s
                    steps:
                      - {name: one, check: "echo 1", register: one}
                      - {name: must be two, verify: "one.stdout.trim() == '2'", message: "got {{ one.stdout.trim() }}"}
                      - {name: after, action: "touch {{ dir }}/after"}
                post:
                  always: [{name: always, action: "touch {{ dir }}/always"}]
                  failure: [{name: failure, action: "touch {{ dir }}/failure"}]
                """);
        RunReport r = run(rb, Map.of("dir", dir.toString()), RunMode.APPLY, null, local("l"));
        assertThat(step(r, "must be two").message()).isEqualTo("got 1");
        assertThat(step(r, "after").status()).isEqualTo("skipped");
        assertThat(dir.resolve("after")).doesNotExist();
        assertThat(dir.resolve("always")).exists();
        assertThat(dir.resolve("failure")).exists();
        assertThat(r.hosts().get(0).status()).isEqualTo(HostReport.UNSTABLE);
        assertThat(r.exitCode()).isEqualTo(1);
    }


    @Test
    void aPendingVerifyReportsItsStatusExitsOneAndLetsTheRestRun() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("d"));
        Runbook rb = runbook("p", """
                name: p
                params: {dir: {type: string, required: true}}
                stages:
                  - stage: s
                    steps:
                      - {name: listed, check: "echo zen.test", register: l}
                      - name: delisted
                        verify: "l.stdout.trim().isEmpty()"
                        status: pending-delisting
                        message: "still listed on {{ l.stdout.trim() }}"
                      - {name: after, action: "touch {{ dir }}/after"}
                      - {name: later verify, verify: "true"}
                post:
                  success: [{name: success, action: "touch {{ dir }}/success"}]
                  failure: [{name: failure, action: "touch {{ dir }}/failure"}]
                """);
        RunReport r = run(rb, Map.of("dir", dir.toString()), RunMode.APPLY, null, local("l"));
        assertThat(step(r, "delisted").status()).isEqualTo(StepRecord.PENDING);
        assertThat(step(r, "delisted").message()).isEqualTo("still listed on zen.test");
        assertThat(step(r, "after").status()).isEqualTo("changed");
        assertThat(step(r, "later verify").status()).isEqualTo("ok");
        assertThat(dir.resolve("success")).exists();
        assertThat(dir.resolve("failure")).doesNotExist();
        assertThat(r.hosts().get(0).status()).isEqualTo("pending-delisting");
        assertThat(r.hosts().get(0).error()).isNull();
        assertThat(r.status()).isEqualTo("pending-delisting");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void aPendingVerifyInsideASubRunbookMarksTheParentPendingButAnUnstableHostOutranksIt() throws Exception {
        runbook("child", """
                name: child
                stages:
                  - stage: c
                    steps:
                      - {name: not yet, verify: "false", status: pending-delisting}
                """);
        Runbook parent = runbook("parent", """
                name: parent
                params: {fail: {type: bool, default: false}}
                stages:
                  - stage: p
                    steps:
                      - {name: call child, runbook: child}
                      - {name: real failure, verify: "!fail"}
                """);
        RunReport pending = run(parent, Map.of(), RunMode.APPLY, null, local("a"));
        assertThat(step(pending, "call child").status()).isEqualTo(StepRecord.PENDING);
        assertThat(pending.hosts().get(0).status()).isEqualTo("pending-delisting");
        RunReport unstable = run(parent, Map.of("fail", "true"), RunMode.APPLY, null, local("b"));
        assertThat(unstable.hosts().get(0).status()).isEqualTo(HostReport.UNSTABLE);
        assertThat(unstable.exitCode()).isEqualTo(1);
    }
    @Test
    void retryRepeatsAFailingCommandAndIgnoreErrorsKeepsGoing() throws Exception {
        Path counter = tmp.resolve("counter");
        Runbook rb = runbook("retry", """
                name: retry
                params: {f: {type: string, required: true}}
                stages:
                  - stage: s
                    steps:
                      - name: flaky
                        check: "echo x >> {{ f }}; [ $(wc -l < {{ f }}) -ge 3 ]"
                        retry: 3
                        retry_delay: 10ms
                      - name: broken but ignored
                        check: "exit 4"
                        ignore_errors: true
                      - name: still runs
                        check: "true"
                """);
        RunReport r = run(rb, Map.of("f", counter.toString()), RunMode.PLAN, null, local("l"));
        assertThat(Files.readAllLines(counter)).hasSize(3);
        assertThat(step(r, "flaky").status()).isEqualTo("ok");
        assertThat(step(r, "broken but ignored").status()).isEqualTo("failed");
        assertThat(step(r, "broken but ignored").message()).contains("ignored");
        assertThat(step(r, "still runs").status()).isEqualTo("ok");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void failingCommandFailsTheHostWithHostColonStepAndExit3() throws Exception {
        Runbook rb = runbook("fail", """
                name: fail
                stages:
                  - stage: s
                    steps:
                      - {name: boom, check: "echo nope >&2; exit 7"}
                      - {name: next, check: "true"}
                """);
        RunReport r = run(rb, Map.of(), RunMode.PLAN, null, local("mx9"), local("mx10"));
        for (HostReport h : r.hosts()) {
            assertThat(h.status()).isEqualTo("failed");
            assertThat(h.error()).isEqualTo(h.host() + ":boom: exit 7: nope");
        }
        assertThat(r.exitCode()).isEqualTo(3);
    }

    @Test
    void applyAfterConfirmationRefusesAnActionThatWasNotInThePlan() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("d"));
        RunReport plan = run(runbook("flow", FLOW), Map.of("dir", dir.toString()), RunMode.PLAN, null, local("l"));
        Set<String> approved = new java.util.HashSet<>();
        for (StepRecord s : steps(plan)) if ("planned".equals(s.status()) && s.command() != null) approved.add(s.command());
        approved.remove("touch '" + dir + "'/'b'");
        RunReport r = run(runbook("flow", FLOW), Map.of("dir", dir.toString()), RunMode.APPLY, Map.of("l", approved), local("l"));
        assertThat(dir.resolve("a")).exists();
        assertThat(dir.resolve("b")).as("not in the confirmed plan").doesNotExist();
        assertThat(r.hosts().get(0).error()).contains("not in the plan you confirmed");
        assertThat(r.exitCode()).isEqualTo(3);
    }

    @Test
    void subRunbookRunsNestedWithItsOwnParams() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("d"));
        runbook("child", """
                name: child
                params: {target: {type: string, required: true}}
                stages:
                  - stage: c
                    steps:
                      - {name: child touch, action: "touch {{ target }}", findings: {touched: "[target]"}}
                """);
        Runbook parent = runbook("parent", """
                name: parent
                params: {dir: {type: string, required: true}}
                stages:
                  - stage: p
                    steps:
                      - name: call child
                        runbook: child
                        with: {target: "{{ dir }}/from-child"}
                """);
        RunReport r = run(parent, Map.of("dir", dir.toString()), RunMode.APPLY, null, local("l"));
        assertThat(dir.resolve("from-child")).exists();
        StepRecord call = step(r, "call child");
        assertThat(call.kind()).isEqualTo("runbook");
        assertThat(call.status()).isEqualTo("changed");
        assertThat(call.steps()).extracting(StepRecord::name).containsExactly("child touch");
        assertThat(call.findings().get("touched")).isEqualTo(List.of(dir + "/from-child"));
        assertThat(r.hosts().get(0).findings()).containsKey("touched");
    }

    @Test
    void lockedHostRefusesAChangingRunButNotAPlan() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("d"));
        Files.createDirectories(tmp.resolve("lock-l"));
        Files.writeString(tmp.resolve("lock-l/owner"), "other-run someone 2026\n");
        RunReport applied = run(runbook("flow", FLOW), Map.of("dir", dir.toString()), RunMode.APPLY, null, local("l"));
        assertThat(applied.hosts().get(0).error()).contains("lock").contains("other-run");
        assertThat(applied.exitCode()).isEqualTo(3);
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).isEmpty();
        }
        RunReport planned = run(runbook("flow", FLOW), Map.of("dir", dir.toString()), RunMode.PLAN, null, local("l"));
        assertThat(planned.exitCode()).isEqualTo(1);
        assertThat(tmp.resolve("lock-l/owner")).as("someone else's lock is left alone").exists();
    }

    @Test
    void hostsRunInParallelAndEachGetsItsOwnRecord() throws Exception {
        Path arrived = Files.createDirectories(tmp.resolve("arrived"));
        // A barrier, not a stopwatch: each host waits until 4 hosts have arrived, which only
        // happens if 4 run at once (forks 4); a serial engine would fail the first host.
        Runbook rb = runbook("par", """
                name: par
                params: {dir: {type: string, required: true}}
                stages:
                  - stage: s
                    steps:
                      - name: wait for peers
                        check: "touch {{ dir }}/{{ host.name }}; for i in $(seq 100); do [ $(ls {{ dir }} | wc -l) -ge 4 ] && break; sleep 0.1; done; [ $(ls {{ dir }} | wc -l) -ge 4 ] && echo {{ host.name }}"
                        register: me
                      - {name: self, verify: "me.stdout.trim() == host.name"}
                """);
        List<Host> hosts = new ArrayList<>();
        for (int i = 0; i < 8; i++) hosts.add(local("h" + i));
        RunReport r = run(rb, Map.of("dir", arrived.toString()), RunMode.PLAN, null, hosts.toArray(Host[]::new));
        assertThat(r.hosts()).extracting(HostReport::host).containsExactly("h0", "h1", "h2", "h3", "h4", "h5", "h6", "h7");
        assertThat(r.hosts()).extracting(HostReport::status).containsOnly("ok");
    }
}

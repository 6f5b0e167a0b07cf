package org.quench.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quench.lab.SshdLab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine end to end against a real OpenSSH sshd on loopback, through the packaged CLI: host
 * keys, authentication, timeouts, a dying connection, dry-run safety, hostile values, secrets,
 * the host lock and a 50-host fleet.
 */
class SshRunIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path REPO = Path.of("").toAbsolutePath();
    static final Path IT = REPO.resolve("src/test/resources/it");
    static SshdLab lab;

    @TempDir Path tmp;
    Quench quench;

    @BeforeAll
    static void lab() {
        lab = SshdLab.shared();
    }

    @BeforeEach
    void setUp() throws Exception {
        quench = new Quench(Files.createDirectories(tmp.resolve("home")));
        lab.clearCommandLog();
    }

    private Path spoolWith(String... files) throws Exception {
        Path spool = Files.createDirectories(tmp.resolve("spool"));
        for (int i = 0; i < files.length; i += 2) Files.writeString(spool.resolve(files[i]), files[i + 1]);
        return spool;
    }

    private JsonNode json(Path file) throws Exception {
        return JSON.readTree(file.toFile());
    }

    private static JsonNode host(JsonNode report, String name) {
        for (JsonNode h : report.get("hosts")) if (h.get("host").asText().equals(name)) return h;
        throw new AssertionError("no host " + name + " in " + report);
    }

    @Test
    void knownKeyRunsWhileUnknownAndChangedKeysFailOnlyTheirHost() throws Exception {
        Path spool = spoolWith("m1", "From: evil@example.test");
        Path inv = new LabInventory(lab).host("good", "127.0.0.21").host("unknown", "127.0.0.22")
                .host("changed", "127.0.0.23").write(tmp);
        Path known = tmp.resolve("known_hosts");
        Files.writeString(known, Files.readString(lab.writeKnownHosts("127.0.0.21"))
                + Files.readString(lab.writeImpostorKnownHosts("127.0.0.23")));
        Path report = tmp.resolve("r.json");
        Quench.Result r = quench.run(REPO, "run", "demo-spool", "-i", inv.toString(), "--known-hosts", known.toString(),
                "-e", "spool=" + spool, "-e", "sender=evil@example.test", "--dry-run", "--json", report.toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        JsonNode j = json(report);
        assertThat(host(j, "good").get("status").asText()).isEqualTo("planned");
        assertThat(host(j, "good").get("findings").get("matches")).hasSize(1);
        String unknown = host(j, "unknown").get("error").asText();
        assertThat(host(j, "unknown").get("status").asText()).isEqualTo("failed");
        assertThat(unknown).contains("127.0.0.22").contains("SHA256:").contains("quench trust");
        String changed = host(j, "changed").get("error").asText();
        assertThat(changed).containsIgnoringCase("changed").contains("SHA256:");
        assertThat(r.all()).doesNotContain("Exception").doesNotContain("\tat ");
        // Nothing at all was run on the hosts whose key was refused.
        assertThat(Files.exists(spool.resolve("m1"))).isTrue();
    }

    @Test
    void wrongClientKeyIsAnAuthFailure() throws Exception {
        Path inv = new LabInventory(lab).host("h", "127.0.0.24").key(lab.unauthorisedClientKey()).write(tmp);
        Quench.Result r = quench.run(REPO, "inventory", "-i", inv.toString(), "--check",
                "--known-hosts", lab.writeKnownHosts("127.0.0.24").toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.out()).containsIgnoringCase("auth");
        assertThat(r.all()).doesNotContain("\tat ");
    }

    @Test
    void connectionRefusedFailsTheHostWithExit3() throws Exception {
        Path inv = tmp.resolve("refused.yml");
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        Files.writeString(inv, "all:\n  hosts:\n    nobody:\n      ansible_host: 127.0.0.1\n      ansible_port: " + closedPort
                + "\n      ansible_user: " + lab.user() + "\n      ansible_ssh_private_key_file: " + lab.clientKey() + "\n");
        Path report = tmp.resolve("r.json");
        Quench.Result r = quench.run(REPO, "run", "demo-spool", "-i", inv.toString(), "-e", "sender=x", "--dry-run",
                "--known-hosts", lab.writeKnownHosts("127.0.0.1").toString(), "--json", report.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(host(json(report), "nobody").get("error").asText()).containsIgnoringCase("refused");
    }

    @Test
    void commandOutlivingItsTimeoutFailsTheStepAndNothingAfterRuns() throws Exception {
        // A plain (not forced-command) key: sessions behave like a real server's.
        Path inv = new LabInventory(lab).host("h", "127.0.0.25").key(lab.plainClientKey()).write(tmp);
        Path report = tmp.resolve("r.json");
        long started = System.nanoTime();
        Quench.Result r = quench.run(REPO, "run", IT.resolve("slow.yml").toString(), "-i", inv.toString(), "--yes",
                "--known-hosts", lab.writeKnownHosts("127.0.0.25").toString(), "--json", report.toString());
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        JsonNode steps = host(json(report), "h").get("steps");
        assertThat(steps.get(0).get("status").asText()).isEqualTo("failed");
        assertThat(steps.get(0).get("message").asText()).contains("did not finish within 2 s");
        assertThat(steps.get(1).get("status").asText()).isEqualTo("skipped");
        assertThat(seconds).as("the 30 s sleep was cut short").isLessThan(25);
        // The remote sleep itself was stopped, not left running.
        Thread.sleep(500);
        assertThat(remoteProcesses("sleep 30")).isEmpty();
    }

    @Test
    void killedSessionIsReportedNoLaterActionRunsAndPostAlwaysStillRuns() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("work"));
        String marker = "quench-kill-" + System.nanoTime();
        Path inv = new LabInventory(lab).host("h", "127.0.0.26").write(tmp);
        Path report = tmp.resolve("r.json");
        CompletableFuture<Integer> killer = CompletableFuture.supplyAsync(() -> {
            for (int i = 0; i < 200; i++) {
                int n = lab.killSessionsRunning(marker);
                if (n > 0) return n;
                sleep(100);
            }
            return 0;
        });
        Quench.Result r = quench.run(REPO, "run", IT.resolve("killed.yml").toString(), "-i", inv.toString(), "--yes",
                "-e", "dir=" + dir, "-e", "marker=" + marker,
                "--known-hosts", lab.writeKnownHosts("127.0.0.26").toString(), "--json", report.toString());
        assertThat(killer.get(30, TimeUnit.SECONDS)).as("the session running the step was found and killed").isPositive();
        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        JsonNode h = host(json(report), "h");
        assertThat(h.get("error").asText()).contains("h:long step");
        assertThat(Files.exists(dir.resolve("later"))).as("no later action ran").isFalse();
        assertThat(Files.exists(dir.resolve("post-always"))).as("post.always ran after reconnecting").isTrue();
        assertThat(r.all()).doesNotContain("\tat ");
    }

    @Test
    void fiftyHostsWithTwentyForks() throws Exception {
        Path spool = spoolWith("m1", "From: evil@example.test", "m2", "hello");
        LabInventory li = new LabInventory(lab);
        List<String> addrs = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            li.host("h" + i, "127.0.1." + i);
            addrs.add("127.0.1." + i);
        }
        Path inv = li.write(tmp);
        Path report = tmp.resolve("r.json");
        Quench.Result r = quench.run(REPO, "run", "demo-spool", "-i", inv.toString(), "--forks", "20", "--dry-run",
                "-e", "spool=" + spool, "-e", "sender=evil@example.test",
                "--known-hosts", lab.writeKnownHosts(addrs.toArray(String[]::new)).toString(), "--json", report.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(1); // findings in a dry run
        JsonNode j = json(report);
        assertThat(j.get("hosts")).hasSize(50);
        for (JsonNode h : j.get("hosts")) {
            assertThat(h.get("status").asText()).as(h.toString()).isEqualTo("planned");
        }
        assertThat(r.out()).contains("[50/50]");
    }

    @Test
    void dryRunExecutesNoActionOnTheServer() throws Exception {
        Path spool = spoolWith("m1", "From: evil@example.test", "m2", "From: evil@example.test", "m3", "ok");
        Path inv = new LabInventory(lab).host("h", "127.0.0.27").write(tmp);
        Path report = tmp.resolve("r.json");
        Quench.Result r = quench.run(REPO, "run", "demo-spool", "-i", inv.toString(), "--dry-run",
                "-e", "spool=" + spool, "-e", "sender=evil@example.test",
                "--known-hosts", lab.writeKnownHosts("127.0.0.27").toString(), "--json", report.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        List<String> planned = new ArrayList<>();
        for (JsonNode s : host(json(report), "h").get("steps")) {
            if (s.get("kind").asText().equals("action")) {
                assertThat(s.get("status").asText()).isEqualTo("planned");
                planned.add(s.get("command").asText());
            }
        }
        assertThat(planned).hasSize(3); // mkdir + two mv
        List<String> ran = lab.commandLog();
        assertThat(ran).isNotEmpty();
        for (String cmd : ran) {
            assertThat(planned).noneMatch(cmd::contains);
            assertThat(cmd).doesNotContain("mv --").doesNotContain("mkdir -p");
        }
        assertThat(spool.resolve("m1")).exists();
        assertThat(Files.exists(Path.of(spool + ".quarantine"))).isFalse();
        assertThat(r.out()).contains("PLAN").contains("mv -- ");
    }

    @Test
    void runWithoutTerminalOrYesOnlyPlans() throws Exception {
        Path spool = spoolWith("m1", "From: evil@example.test");
        Path inv = new LabInventory(lab).host("h", "127.0.0.28").write(tmp);
        Quench.Result r = quench.run(REPO, "run", "demo-spool", "-i", inv.toString(),
                "-e", "spool=" + spool, "-e", "sender=evil@example.test",
                "--known-hosts", lab.writeKnownHosts("127.0.0.28").toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("planned, not executed");
        assertThat(spool.resolve("m1")).exists();
    }

    @Test
    void applyQuarantinesExactlyTheMatchingFilesAndVerifies() throws Exception {
        Path spool = spoolWith("m1", "From: evil@example.test", "m2", "From: good@example.test");
        Path inv = new LabInventory(lab).host("h", "127.0.0.29").write(tmp);
        Path report = tmp.resolve("r.json");
        Path junit = tmp.resolve("junit.xml");
        Quench.Result r = quench.run(REPO, "run", "demo-spool", "-i", inv.toString(), "--yes",
                "-e", "spool=" + spool, "-e", "sender=evil@example.test",
                "--known-hosts", lab.writeKnownHosts("127.0.0.29").toString(), "--json", report.toString(),
                "--junit", junit.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(spool.resolve("m1")).doesNotExist();
        assertThat(spool.resolve("m2")).exists();
        assertThat(Path.of(spool + ".quarantine", "m1")).exists();
        JsonNode j = json(report);
        assertThat(j.get("status").asText()).isEqualTo("changed");
        assertThat(j.get("dryRun").asBoolean()).isFalse();
        for (String f : List.of("runId", "runbook", "startedAt", "finishedAt", "status", "hosts")) assertThat(j.has(f)).as(f).isTrue();
        JsonNode step = host(j, "h").get("steps").get(0);
        for (String f : List.of("stage", "name", "kind", "status", "command", "exitCode", "durationMs")) assertThat(step.has(f)).as(f).isTrue();
        assertThat(Files.readString(junit)).contains("<testcase").contains("nothing of sender left").doesNotContain("<failure");
        assertThat(quench.home.resolve("runs").resolve(j.get("runId").asText()).resolve("report.json")).exists();
    }

    @Test
    void hostileValuesReachRemoteCommandsOnlyAsInertStrings() throws Exception {
        Path pwned = tmp.resolve("pwned");
        String[] hostile = {
                "$(touch " + pwned + "-1)", "`touch " + pwned + "-2`", "x; touch " + pwned + "-3",
                "a'b\"c$(touch " + pwned + "-4)", "line1\nline2; touch " + pwned + "-5",
                "x".repeat(10_000) + "$(touch " + pwned + "-6)"};
        Path spool = Files.createDirectories(tmp.resolve("spool"));
        for (int i = 0; i < hostile.length; i++) {
            // File names are attacker-controlled data too: they come back from the host and feed the foreach.
            String name = hostile[i].length() > 200 ? "long-" + i : hostile[i].replace('/', '_').replace("\n", "_");
            Files.writeString(spool.resolve(name), "From: " + hostile[i]);
        }
        Path inv = new LabInventory(lab).host("h", "127.0.0.30").write(tmp);
        for (String value : hostile) {
            Quench.Result r = quench.run(REPO, "run", "demo-spool", "-i", inv.toString(), "--yes",
                    "-e", "spool=" + spool, "-e", "sender=" + value,
                    "--known-hosts", lab.writeKnownHosts("127.0.0.30").toString());
            assertThat(r.exit()).as(r.toString()).isZero();
        }
        try (var s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("pwned"))).isEmpty();
        }
        try (var s = Files.list(spool)) {
            assertThat(s.count()).as("every hostile file was matched and moved").isZero();
        }
    }

    @Test
    void secretsTravelOnStdinAndEnvNeverInArgvOrReports() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("work"));
        Path inv = new LabInventory(lab).host("h", "127.0.0.31").write(tmp);
        Path report = tmp.resolve("r.json");
        Quench.Result r = quench.run(REPO, "run", IT.resolve("secret.yml").toString(), "-i", inv.toString(), "--yes",
                "-e", "dir=" + dir, "--known-hosts", lab.writeKnownHosts("127.0.0.31").toString(), "--json", report.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        String secret = Files.readString(dir.resolve("stdin.txt"));
        assertThat(secret).hasSize(24);
        assertThat(Files.readString(dir.resolve("env.txt"))).isEqualTo(secret);
        assertThat(lab.commandLog()).noneMatch(c -> c.contains(secret));
        assertThat(r.all()).doesNotContain(secret);
        assertThat(Files.readString(report)).doesNotContain(secret);
        try (var files = Files.walk(quench.home.resolve("runs"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) assertThat(Files.readString(f)).doesNotContain(secret);
        }
        // Shown once: no terminal here, so a 0600 file.
        try (var files = Files.list(quench.home.resolve("secrets"))) {
            Path f = files.findFirst().orElseThrow();
            assertThat(Files.readString(f)).contains(secret);
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        }
    }

    @Test
    void secondChangingRunOnALockedHostIsRefused() throws Exception {
        Path spool = spoolWith("m1", "From: evil@example.test");
        Path inv = new LabInventory(lab).host("h", "127.0.0.32").write(tmp);
        Path lock = Files.createDirectories(tmp.resolve("lock-h"));
        Files.writeString(lock.resolve("owner"), "20261123-000000-abcdef someone@elsewhere 2026-11-23T00:00:00Z\n");
        String known = lab.writeKnownHosts("127.0.0.32").toString();
        Quench.Result r = quench.run(REPO, "run", "demo-spool", "-i", inv.toString(), "--yes",
                "-e", "spool=" + spool, "-e", "sender=evil@example.test", "--known-hosts", known);
        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.out()).contains("lock").contains("20261123-000000-abcdef");
        assertThat(spool.resolve("m1")).exists();
        // A dry run changes nothing, so it does not need the lock.
        Quench.Result dry = quench.run(REPO, "run", "demo-spool", "-i", inv.toString(), "--dry-run",
                "-e", "spool=" + spool, "-e", "sender=evil@example.test", "--known-hosts", known);
        assertThat(dry.exit()).as(dry.toString()).isEqualTo(1);
        // Our own lock is released after a run.
        Files.delete(lock.resolve("owner"));
        Files.delete(lock);
        Quench.Result ok = quench.run(REPO, "run", "demo-spool", "-i", inv.toString(), "--yes",
                "-e", "spool=" + spool, "-e", "sender=evil@example.test", "--known-hosts", known);
        assertThat(ok.exit()).as(ok.toString()).isZero();
        assertThat(lock).doesNotExist();
    }

    @Test
    void subRunbookStepsAndFindingsAppearNested() throws Exception {
        spoolWith("m1", "From: evil@example.test");
        Path inv = new LabInventory(lab).host("h", "127.0.0.33").write(tmp);
        Path report = tmp.resolve("r.json");
        Quench.Result r = quench.run(REPO, "run", IT.resolve("parent.yml").toString(), "-i", inv.toString(), "--dry-run",
                "-e", "dir=" + tmp, "--known-hosts", lab.writeKnownHosts("127.0.0.33").toString(), "--json", report.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        JsonNode h = host(json(report), "h");
        JsonNode sub = h.get("steps").get(1);
        assertThat(sub.get("kind").asText()).isEqualTo("runbook");
        assertThat(sub.get("steps").size()).isGreaterThan(3);
        assertThat(sub.get("findings").get("matches")).hasSize(1);
        assertThat(h.get("findings").get("matches")).hasSize(1);
    }

    private static List<String> remoteProcesses(String fragment) throws Exception {
        List<String> out = new ArrayList<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(x -> x.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ').strip();
                    if (cmd.contains(fragment)) out.add(p.getFileName() + " " + cmd);
                } catch (Exception ignored) {
                    // the process ended while we looked
                }
            }
        }
        return out;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

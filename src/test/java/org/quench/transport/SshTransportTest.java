package org.quench.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quench.inventory.Host;
import org.quench.lab.SshdLab;
import org.quench.transport.TransportException.Reason;

/** SshTransport against a real OpenSSH sshd on loopback (see {@link SshdLab}). Each test uses its own 127.0.3.x. */
class SshTransportTest {
    static SshdLab lab;
    static final Duration T = Duration.ofSeconds(20);

    @BeforeAll
    static void startLab() {
        lab = SshdLab.shared();
    }

    private static Transport open(Host host, Path knownHosts) throws TransportException {
        return new TransportFactory().open(host, SshOptions.isolated(knownHosts));
    }

    private static Host host(String address) {
        return lab.host("mx-" + address, address, Map.of());
    }

    @Test
    void runsCommandsWithExitCodeStdoutStderrAndStdin() throws Exception {
        try (Transport t = open(host("127.0.3.1"), lab.writeKnownHosts("127.0.3.1"))) {
            ExecResult r = t.exec("echo out; echo err >&2; tr a-z A-Z; exit 3", "hello\n".getBytes(StandardCharsets.UTF_8), T);
            assertThat(r.exitCode()).isEqualTo(3);
            assertThat(r.stdout()).isEqualTo("out\nHELLO\n");
            assertThat(r.stderr()).isEqualTo("err\n");
            assertThat(t.exec("cat", null, T).stdout()).isEmpty(); // no stdin: EOF at once, no hang
            assertThat(t.describe()).isEqualTo("ssh " + lab.user() + "@127.0.3.1:" + lab.port());
        }
        assertThat(lab.commandLog()).contains("echo out; echo err >&2; tr a-z A-Z; exit 3", "cat");
    }

    /**
     * Host output is compressed (zlib@openssh.com): a very compressible stream (one log line over
     * and over) and an incompressible one must both arrive whole. JSch's own java.util.zip adapter
     * lost the connection after 32 KB of the first.
     */
    @Test
    void compressedOutputArrivesWhole() throws Exception {
        String line = "Nov 23 09:02:53 mx1 postfix/smtpd[1]: 4ABCDEF123: client=a[127.0.7.3], sasl_username=m@example.test";
        try (Transport t = open(host("127.0.3.12"), lab.writeKnownHosts("127.0.3.12"))) {
            ExecResult r = t.exec("yes '" + line + "' | head -n 100000", null, T);
            assertThat(r.exitCode()).isZero();
            assertThat(r.stdout()).hasSize(100_000 * (line.length() + 1)).isEqualTo((line + "\n").repeat(100_000));
            ExecResult noise = t.exec("head -c 3000000 /dev/urandom | od -An -tx1 | tee /dev/stderr | md5sum", null, T);
            assertThat(noise.exitCode()).isZero();
            String localSum = md5(noise.stderr());
            assertThat(noise.stdout().split(" ")[0]).isEqualTo(localSum);
        }
    }

    private static String md5(String s) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                .digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void streamsAMegabyteOfStdout() throws Exception {
        AtomicLong bytes = new AtomicLong();
        OutputStream counter = new OutputStream() {
            @Override
            public void write(int b) {
                bytes.incrementAndGet();
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes.addAndGet(len);
            }
        };
        try (Transport t = open(host("127.0.3.2"), lab.writeKnownHosts("127.0.3.2"))) {
            ExecResult r = t.exec("head -c 1048576 /dev/zero | tr '\\0' x", null, T, counter);
            assertThat(r.exitCode()).isZero();
            assertThat(r.stdout()).isEmpty();
            assertThat(bytes.get()).isEqualTo(1_048_576);
            byte[] big = new byte[300_000];
            java.util.Arrays.fill(big, (byte) 'y');
            assertThat(t.exec("wc -c", big, T).stdout().trim()).isEqualTo("300000");
        }
    }

    @Test
    void unknownHostKeyIsRefusedWithFingerprintAndTrustCommand() {
        int before = lab.commandLog().size();
        Path knownHosts = lab.writeKnownHosts("127.0.3.99"); // some other host only
        assertThatThrownBy(() -> open(host("127.0.3.3"), knownHosts))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.HOST_KEY_UNKNOWN))
                .hasMessageContaining("127.0.3.3")
                .hasMessageContaining("ED25519")
                .hasMessageContaining(lab.hostKeyFingerprint())
                .hasMessageContaining("quench trust mx-127.0.3.3");
        assertThat(lab.commandLog()).hasSize(before);
    }

    @Test
    void changedHostKeyIsRefusedAsAPossibleAttack() throws Exception {
        Path knownHosts = lab.writeImpostorKnownHosts("127.0.3.4");
        String impostor = ServerHostKey.fromBase64(Files.readString(lab.impostorHostPublicKey()).split(" ")[1]).fingerprint();
        assertThatThrownBy(() -> open(host("127.0.3.4"), knownHosts))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.HOST_KEY_CHANGED))
                .hasMessageContaining(impostor)
                .hasMessageContaining(lab.hostKeyFingerprint())
                .hasMessageContaining("attack")
                .hasMessageContaining("ssh-keygen -R '[127.0.3.4]:" + lab.port() + "'");
    }

    @Test
    void hashedKnownHostsEntriesWork() throws Exception {
        Path knownHosts = lab.writeKnownHosts("127.0.3.5");
        run("ssh-keygen", "-q", "-H", "-f", knownHosts.toString());
        assertThat(Files.readString(knownHosts)).startsWith("|1|").doesNotContain("127.0.3.5");
        try (Transport t = open(host("127.0.3.5"), knownHosts)) {
            assertThat(t.exec("echo ok", null, T).stdout()).isEqualTo("ok\n");
        }
    }

    @Test
    void wrongClientKeyFailsAuthNamingTheKey() {
        Host h = lab.host("mx-auth", "127.0.3.6", Map.of("ansible_ssh_private_key_file", lab.unauthorisedClientKey().toString()));
        assertThatThrownBy(() -> open(h, lab.writeKnownHosts("127.0.3.6")))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AUTH))
                .hasMessageContaining("auth failed for " + lab.user() + "@127.0.3.6")
                .hasMessageContaining(lab.unauthorisedClientKey().toString());
    }

    @Test
    void missingKeyFileIsAnAuthProblemBeforeConnecting() {
        Host h = lab.host("mx-nokey", "127.0.3.6", Map.of("ansible_ssh_private_key_file", "/nonexistent/key"));
        assertThatThrownBy(() -> open(h, lab.writeKnownHosts("127.0.3.6")))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AUTH))
                .hasMessageContaining("/nonexistent/key (ansible_ssh_private_key_file) does not exist");
    }

    @Test
    void nothingListeningIsConnectRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Host h = lab.host("mx-down", "127.0.3.7", Map.of("ansible_port", port));
        assertThatThrownBy(() -> open(h, lab.writeKnownHosts("127.0.3.7")))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CONNECT))
                .hasMessage("mx-down (127.0.3.7:" + port + "): connection refused — is sshd running and the port right?");
    }

    @Test
    void commandOutlivingItsTimeoutIsStoppedOnTheHost() throws Exception {
        // The plain key: no forced command, so sshd delivers the TERM/KILL signals as a real server does.
        Host h = lab.host("mx-slow", "127.0.3.8", Map.of("ansible_ssh_private_key_file", lab.plainClientKey().toString()));
        try (Transport t = open(h, lab.writeKnownHosts("127.0.3.8"))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> t.exec("sleep 37.4321 | cat; echo never", null, Duration.ofMillis(800)))
                    .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
                    .hasMessageContaining("did not finish within 800 ms")
                    .hasMessageContaining("was stopped on the host");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            waitUntil(() -> SshdLab.pidsWithCommandLineContaining("sleep 37.4321").isEmpty(), "the remote sleep to be gone");
            assertThat(t.exec("echo still usable", null, T).stdout()).isEqualTo("still usable\n");
        }
    }

    @Test
    void timeoutWithAForcedCommandKeyAlsoStopsTheCommand() throws Exception {
        // sshd refuses signals here (forced command, and root logins): the transport kills it another way.
        try (Transport t = open(host("127.0.3.9"), lab.writeKnownHosts("127.0.3.9"))) {
            assertThatThrownBy(() -> t.exec("sleep 38.4321 | cat", null, Duration.ofMillis(500)))
                    .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
                    .hasMessageContaining("was stopped on the host");
            waitUntil(() -> SshdLab.pidsWithCommandLineContaining("sleep 38.4321").isEmpty(), "the remote sleep to be gone");
            assertThat(t.exec("echo still usable", null, T).stdout()).isEqualTo("still usable\n");
        }
    }

    @Test
    void sessionKilledMidCommandIsConnectionLostAndNextCommandReconnects() throws Exception {
        try (Transport t = open(host("127.0.3.10"), lab.writeKnownHosts("127.0.3.10"))) {
            CompletableFuture<ExecResult> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return t.exec("sleep 39.4321", null, T);
                } catch (TransportException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            waitUntil(() -> !SshdLab.pidsWithCommandLineContaining("sleep 39.4321").isEmpty(), "the remote sleep to start");
            assertThat(lab.killSessionsRunning("sleep 39.4321")).isEqualTo(1);
            assertThatThrownBy(() -> running.get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CONNECTION_LOST))
                    .hasMessageContaining("connection lost while it ran")
                    .hasMessageContaining("sleep 39.4321");
            assertThat(t.exec("echo back", null, T).stdout()).isEqualTo("back\n");
        } finally {
            SshdLab.pidsWithCommandLineContaining("sleep 39.4321").forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    @Test
    void oneConnectionServesManyCommands() throws Exception {
        String address = "127.0.3.11";
        try (Transport t = open(host(address), lab.writeKnownHosts(address))) {
            for (int i = 0; i < 25; i++) {
                assertThat(t.exec("echo " + i, null, T).stdout()).isEqualTo(i + "\n");
            }
        }
        assertThat(lab.connectionsTo(address)).isEqualTo(1);
    }

    @Test
    void hostKeyTrustFetchesTheKeyAndAddsAWorkingLine(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        String address = "127.0.3.12";
        ServerHostKey key = HostKeyTrust.fetch(address, lab.port(), Duration.ofSeconds(10));
        assertThat(key.fingerprint()).isEqualTo(lab.hostKeyFingerprint());
        assertThat(key.type()).isEqualTo("ssh-ed25519");
        assertThat(key.matches(lab.hostKeyFingerprint().substring("SHA256:".length()))).isTrue();

        Path knownHosts = tmp.resolve("dot-ssh/known_hosts");
        assertThat(HostKeyTrust.add(knownHosts, address, lab.port(), key)).isTrue();
        assertThat(Files.readString(knownHosts)).isEqualTo("[" + address + "]:" + lab.port() + " ssh-ed25519 " + key.base64() + "\n");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(knownHosts))).isEqualTo("rw-------");
        assertThat(HostKeyTrust.add(knownHosts, address, lab.port(), key)).isFalse();
        try (Transport t = open(host(address), knownHosts)) {
            assertThat(t.exec("echo trusted", null, T).stdout()).isEqualTo("trusted\n");
        }
        ServerHostKey impostor = ServerHostKey.fromBase64(Files.readString(lab.impostorHostPublicKey()).split(" ")[1]);
        assertThatThrownBy(() -> HostKeyTrust.add(knownHosts, address, lab.port(), impostor))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.HOST_KEY_CHANGED));
        assertThat(HostKeyTrust.add(knownHosts, "mx.example", 22, impostor)).isTrue();
        assertThat(Files.readAllLines(knownHosts)).last().asString().startsWith("mx.example ssh-ed25519 ");
    }

    @Test
    void hostKeyTrustFetchForAnInventoryHost() throws Exception {
        HostKeyTrust.Fetched f = HostKeyTrust.fetch(host("127.0.3.13"), SshOptions.isolated(lab.writeKnownHosts()));
        assertThat(f.knownHostsName()).isEqualTo("[127.0.3.13]:" + lab.port());
        assertThat(f.key().fingerprint()).isEqualTo(lab.hostKeyFingerprint());
    }

    @Test
    void jumpHostCarriesTheConnection() throws Exception {
        Host h = lab.host("mx-behind", "127.0.3.15",
                Map.of("jump_host", lab.user() + "@127.0.3.14:" + lab.port()));
        try (Transport t = open(h, lab.writeKnownHosts("127.0.3.14", "127.0.3.15"))) {
            assertThat(t.exec("echo via jump", null, T).stdout()).isEqualTo("via jump\n");
            assertThat(t.describe()).isEqualTo("ssh " + lab.user() + "@127.0.3.15:" + lab.port() + " via 127.0.3.14:" + lab.port());
        }
        assertThat(lab.connectionsTo("127.0.3.14")).isEqualTo(1);
        assertThat(lab.connectionsTo("127.0.3.15")).isEqualTo(1);
        // The jump host's key is checked too.
        assertThatThrownBy(() -> open(h, lab.writeKnownHosts("127.0.3.15")))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.HOST_KEY_UNKNOWN))
                .hasMessageStartingWith("via jump host 127.0.3.14:");
    }

    @Test
    void sshConfigSuppliesHostNamePortUserAndKeyAndInventoryWins(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path config = tmp.resolve("config");
        Files.writeString(config, "Host cfg-*\n  HostName 127.0.3.16\n  Port " + lab.port() + "\n  User " + lab.user()
                + "\n  IdentityFile " + lab.clientKey() + "\n");
        SshOptions options = SshOptions.isolated(lab.writeKnownHosts("127.0.3.16")).withSshConfig(config);
        try (Transport t = new TransportFactory().open(new Host("cfg-mx", Map.of(), List.of()), options)) {
            assertThat(t.exec("echo from config", null, T).stdout()).isEqualTo("from config\n");
        }
        Host wrongPort = new Host("cfg-mx", Map.of("ansible_port", 1), List.of());
        assertThatThrownBy(() -> new TransportFactory().open(wrongPort, options))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CONNECT))
                .hasMessageContaining("127.0.3.16:1");
    }

    @Test
    void sshAgentKeysAreUsed(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path socket = tmp.resolve("agent.sock");
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            waitUntil(() -> Files.exists(socket), "ssh-agent's socket");
            ProcessBuilder add = new ProcessBuilder("ssh-add", lab.clientKey().toString()).redirectErrorStream(true);
            add.environment().put("SSH_AUTH_SOCK", socket.toString());
            Process p = add.start();
            p.getInputStream().readAllBytes();
            assertThat(p.waitFor()).isZero();
            Map<String, Object> vars = new java.util.HashMap<>(lab.hostVars("127.0.3.17"));
            vars.remove("ansible_ssh_private_key_file");
            SshOptions options = SshOptions.isolated(lab.writeKnownHosts("127.0.3.17")).withAgentSocket(socket);
            try (Transport t = new TransportFactory().open(new Host("mx-agent", vars, List.of()), options)) {
                assertThat(t.exec("echo agent", null, T).stdout()).isEqualTo("agent\n");
            }
            assertThatThrownBy(() -> new TransportFactory().open(new Host("mx-agent", vars, List.of()),
                    options.withAgentSocket(null)))
                    .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AUTH))
                    .hasMessageContaining("no key to offer");
        } finally {
            agent.destroy();
            agent.waitFor(5, TimeUnit.SECONDS);
        }
    }

    static void waitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(20);
        }
    }

    static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
    }
}

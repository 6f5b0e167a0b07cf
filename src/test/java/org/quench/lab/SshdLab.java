package org.quench.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.quench.inventory.Host;

/**
 * A real OpenSSH server on loopback for tests: its own config, host keys, port, pid file and log.
 * One sshd listens on 0.0.0.0:port, so every 127.x.y.z address reaches it and can stand for a
 * distinct host; {@code AllowUsers user@127.0.0.0/8} refuses anything not from loopback.
 *
 * <p>Keys (all ed25519, made with ssh-keygen): the lab host key, an "impostor" host key (a known_hosts
 * holding it makes the lab look like a host whose key changed), the authorised client key and an
 * unauthorised one.
 *
 * <p>Commands run with {@link #clientKey()} are logged (base64, one per line) by an authorized_keys
 * forced-command wrapper, so tests can assert exactly what ran. sshd refuses "signal" requests on
 * forced-command sessions, so a timed-out command cannot be stopped there; {@link #plainClientKey()}
 * logs in without the wrapper, as on a real server, for tests of that behaviour.
 *
 * <p>Use {@link #shared()} (one per test JVM, stopped by a shutdown hook) or {@link #start()} with
 * {@link #close()}. Runs as root (CI) or as a normal user (who can then only log in as themself).
 * Fails loudly, with sshd's log, when sshd cannot start.
 */
public final class SshdLab implements AutoCloseable {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final AtomicInteger FILES = new AtomicInteger();
    private static SshdLab shared;

    private final Path dir;
    private final String user;
    private final int port;
    private Process sshd;

    private SshdLab(Path dir, String user, int port) {
        this.dir = dir;
        this.user = user;
        this.port = port;
    }

    /** The lab shared by every test of this JVM; started on first use, stopped at exit. */
    public static synchronized SshdLab shared() {
        if (shared == null) {
            SshdLab lab = start();
            Runtime.getRuntime().addShutdownHook(new Thread(lab::close, "sshd-lab-stop"));
            shared = lab;
        }
        return shared;
    }

    /** A new lab of one's own; {@link #close()} it. */
    public static SshdLab start() {
        if (!Files.isExecutable(SSHD)) {
            throw new IllegalStateException("openssh-server is not installed (" + SSHD
                    + " missing): run bin/test as root or apt-get install openssh-server");
        }
        try {
            Path dir = Files.createTempDirectory("quench-sshd-lab-");
            String user = System.getProperty("user.name");
            SshdLab lab = new SshdLab(dir, user, freePort());
            lab.prepare();
            lab.launch();
            return lab;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up the sshd lab: " + e.getMessage(), e);
        }
    }

    // ---- API ----------------------------------------------------------------------------------

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public Path dir() {
        return dir;
    }

    public Path clientKey() {
        return dir.resolve("client_ed25519");
    }

    /**
     * An authorised key whose sessions run like on a real server: no forced command, so commands are
     * not in {@link #commandLog()}, but sshd delivers signals (it refuses them to forced-command sessions).
     */
    public Path plainClientKey() {
        return dir.resolve("plain_ed25519");
    }

    public Path unauthorisedClientKey() {
        return dir.resolve("intruder_ed25519");
    }

    public Path hostPublicKey() {
        return dir.resolve("host_ed25519.pub");
    }

    public Path impostorHostPublicKey() {
        return dir.resolve("impostor_ed25519.pub");
    }

    public Path sshdLog() {
        return dir.resolve("sshd.log");
    }

    public long sshdPid() {
        return sshd.pid();
    }

    /** The lab host key's fingerprint as {@code ssh-keygen -lf} prints it ({@code SHA256:…}). */
    public String hostKeyFingerprint() {
        String out = run("ssh-keygen", "-l", "-E", "sha256", "-f", hostPublicKey().toString());
        return out.trim().split("\\s+")[1];
    }

    /** A known_hosts file trusting the lab host key for each {@code [addr]:port}. */
    public Path writeKnownHosts(String... addresses) {
        return writeKnownHostsWith(hostPublicKey(), addresses);
    }

    /** A known_hosts file holding the impostor key for each address: the lab then looks like a changed key. */
    public Path writeImpostorKnownHosts(String... addresses) {
        return writeKnownHostsWith(impostorHostPublicKey(), addresses);
    }

    /** Inventory vars that reach this lab at {@code address} with the authorised client key. */
    public Map<String, Object> hostVars(String address) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("ansible_host", address);
        vars.put("ansible_port", port);
        vars.put("ansible_user", user);
        vars.put("ansible_ssh_private_key_file", clientKey().toString());
        return vars;
    }

    /** A host named {@code name} reaching this lab at {@code address}, plus {@code extraVars}. */
    public Host host(String name, String address, Map<String, Object> extraVars) {
        Map<String, Object> vars = hostVars(address);
        vars.putAll(extraVars);
        return new Host(name, vars, List.of());
    }

    /** Every command run through the lab since the last clear, decoded, in order. */
    public List<String> commandLog() {
        Path log = dir.resolve("commands.log");
        try {
            if (!Files.exists(log)) return List.of();
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(log, StandardCharsets.US_ASCII)) {
                if (!line.isBlank()) out.add(new String(Base64.getDecoder().decode(line.trim()), StandardCharsets.UTF_8));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void clearCommandLog() {
        try {
            Files.write(dir.resolve("commands.log"), new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connections sshd accepted for {@code address} (as in "Connection from … on ADDRESS port P"). */
    public int connectionsTo(String address) {
        Pattern p = Pattern.compile("Connection from \\S+ port \\d+ on " + Pattern.quote(address) + " port " + port + "\\b");
        try (Stream<String> lines = Files.lines(sshdLog(), StandardCharsets.UTF_8)) {
            return (int) lines.filter(l -> p.matcher(l).find()).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Kills (SIGKILL, by PID) the per-connection sshd processes serving a command whose command
     * line contains {@code marker}: the client then sees its connection die mid-command.
     *
     * @return how many connections were killed
     */
    public int killSessionsRunning(String marker) {
        long listener = sshdPid();
        Set<Long> sessions = new LinkedHashSet<>();
        for (long pid : pidsWithCommandLineContaining(marker)) {
            connectionProcessOf(pid, listener).ifPresent(sessions::add);
        }
        for (long pid : sessions) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        return sessions.size();
    }

    /** Pids of live processes (outside this JVM) whose command line contains {@code marker}. */
    public static List<Long> pidsWithCommandLineContaining(String marker) {
        List<Long> out = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.toList()) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) continue;
                long pid = Long.parseLong(name);
                if (pid == self) continue;
                try {
                    byte[] raw = Files.readAllBytes(p.resolve("cmdline"));
                    String cmd = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
                    if (cmd.contains(marker)) out.add(pid);
                } catch (IOException gone) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static Optional<Long> connectionProcessOf(long pid, long listener) {
        Optional<ProcessHandle> cur = ProcessHandle.of(pid);
        while (cur.isPresent()) {
            Optional<ProcessHandle> parent = cur.get().parent();
            if (parent.isEmpty()) return Optional.empty();
            if (parent.get().pid() == listener) return Optional.of(cur.get().pid());
            cur = parent;
        }
        return Optional.empty();
    }

    /** Stops sshd (and every connection it serves) and starts it again on the same port and keys. */
    public synchronized void restart() {
        stop();
        waitUntilPortFree();
        launch();
    }

    /** Stops sshd and its connection processes, by PID. The directory is kept for post-mortems. */
    @Override
    public synchronized void close() {
        stop();
    }

    // ---- setup ---------------------------------------------------------------------------------

    private void prepare() throws IOException {
        for (String key : List.of("host_ed25519", "impostor_ed25519", "client_ed25519", "plain_ed25519", "intruder_ed25519")) {
            run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "quench-lab-" + key, "-f", dir.resolve(key).toString());
        }
        Path commandLog = dir.resolve("commands.log");
        Files.write(commandLog, new byte[0]);
        commandLog.toFile().setWritable(true, false);
        String clientPub = Files.readString(dir.resolve("client_ed25519.pub")).trim();

        String plainPub = Files.readString(dir.resolve("plain_ed25519.pub")).trim();
        Path logScript = dir.resolve("log-command.sh");
        Files.writeString(logScript, "#!/bin/sh\n"
                + "# Forced command: log what the client asked for (base64, one line each), then run it.\n"
                + "printf '%s\\n' \"$(printf '%s' \"$SSH_ORIGINAL_COMMAND\" | base64 -w0)\" >> '" + commandLog + "'\n"
                + "exec /bin/sh -c \"$SSH_ORIGINAL_COMMAND\"\n");
        logScript.toFile().setExecutable(true, false);
        String authorized = "command=\"" + logScript + "\" " + clientPub + "\n" + plainPub;
        Files.writeString(dir.resolve("authorized_keys"), authorized + "\n");

        String config = String.join("\n",
                "Port " + port,
                // Any 127.x.y.z must reach us and sshd takes only 16 ListenAddress lines; AllowUsers
                // below keeps everything but loopback out.
                "ListenAddress 0.0.0.0",
                "HostKey " + dir.resolve("host_ed25519"),
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "AllowUsers " + user + "@127.0.0.0/8",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "StrictModes no",
                "PermitRootLogin prohibit-password",
                "AllowTcpForwarding yes",
                "MaxStartups 300:30:600",
                "MaxSessions 100",
                "MaxAuthTries 20",
                "UseDNS no",
                "PrintMotd no",
                "LogLevel VERBOSE",
                // bash run by sshd with a socket on stdin sources ~/.bashrc unless SHLVL says it is nested;
                // a developer's rc file (pyenv here: ~190 ms) would then dominate every command's time.
                "SetEnv SHLVL=1",
                "");
        Files.writeString(dir.resolve("sshd_config"), config);
        if (isRoot()) {
            // Privilege separation needs its empty chroot directory; Debian creates it only via systemd.
            Files.createDirectories(Path.of("/run/sshd"));
        }
    }

    private void launch() {
        Path log = sshdLog();
        try {
            // stdin/stdout/stderr go to files: an inherited pipe would keep test runners waiting.
            sshd = new ProcessBuilder(SSHD.toString(), "-D", "-f", dir.resolve("sshd_config").toString(), "-E", log.toString())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("sshd.stdout").toFile()))
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + SSHD + ": " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!sshd.isAlive()) {
                throw new IllegalStateException("sshd exited with status " + sshd.exitValue() + " before listening on port "
                        + port + ".\n" + tail(log) + tail(dir.resolve("sshd.stdout")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(20);
            }
        }
        stop();
        throw new IllegalStateException("sshd did not accept connections on 127.0.0.1:" + port + " within 15 s.\n" + tail(log));
    }

    private void stop() {
        if (sshd == null) return;
        List<ProcessHandle> children = sshd.descendants().toList();
        sshd.destroy();
        try {
            if (!sshd.waitFor(5, TimeUnit.SECONDS)) sshd.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
        sshd = null;
    }

    private void waitUntilPortFree() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress("0.0.0.0", port));
                return;
            } catch (IOException busy) {
                sleep(50);
            }
        }
    }

    private Path writeKnownHostsWith(Path publicKey, String... addresses) {
        try {
            String[] parts = Files.readString(publicKey).trim().split("\\s+");
            StringBuilder sb = new StringBuilder();
            for (String a : addresses) sb.append('[').append(a).append("]:").append(port).append(' ')
                    .append(parts[0]).append(' ').append(parts[1]).append('\n');
            Path file = dir.resolve("known_hosts-" + FILES.incrementAndGet());
            Files.writeString(file, sb.toString(), StandardOpenOption.CREATE_NEW);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- small helpers -----------------------------------------------------------------------

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Runs a helper tool (ssh-keygen) and returns its stdout; fails with its output. */
    static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command[0] + ": " + e.getMessage()
                    + " (openssh-client and openssh-server are needed for the lab)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path file) {
        try {
            if (!Files.exists(file)) return "";
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return "--- " + file + " ---\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())) + "\n";
        } catch (IOException e) {
            return "";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "sshd lab " + user + "@0.0.0.0:" + port + " (pid " + (sshd == null ? "-" : sshd.pid()) + ", " + dir + ")";
    }

}

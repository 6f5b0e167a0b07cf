package org.quench.lab.mail;

import org.quench.mail.queue.PostqueueJsonParser;
import org.quench.mail.queue.QueuedMessage;
import org.quench.transport.ExecResult;
import org.quench.transport.LocalTransport;
import org.quench.transport.Transport;
import org.quench.transport.TransportException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The real mail lab on loopback (lab/README.md): Postfix with SASL through Dovecot, a second
 * Postfix standing in for remote MXes, Dovecot IMAP, dnsmasq with DNSBL zones. One per JVM:
 * {@link #get()} runs {@code lab/mail-up.sh} once (warm when already up) and fails loudly with the
 * script's output when the lab cannot start: a test that needs the lab must never pass without it.
 * Values come from the state file the script writes, not from constants here.
 */
public final class MailLab {
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static MailLab instance;

    private final Path root;
    private final Map<String, String> state;
    private final Transport transport = new LocalTransport();

    private MailLab(Path root, Map<String, String> state) {
        this.root = root;
        this.state = state;
    }

    public static synchronized MailLab get() {
        if (instance == null) instance = start();
        return instance;
    }

    private static MailLab start() {
        Path root = projectRoot();
        Path output;
        try {
            output = Files.createTempFile("mail-up", ".log");
            // Output to a file, not a pipe: daemons started by the script must not hold our pipe open.
            Process p = new ProcessBuilder("bash", root.resolve("lab/mail-up.sh").toString())
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            if (!p.waitFor(UP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("lab/mail-up.sh did not finish within " + UP_TIMEOUT + ":\n"
                        + Files.readString(output));
            }
            String log = Files.readString(output);
            Files.deleteIfExists(output);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("lab/mail-up.sh failed (exit " + p.exitValue() + "):\n" + log);
            }
            String stateDir = System.getenv().getOrDefault("QUENCH_LAB_DIR", "/var/tmp/quench-lab");
            return new MailLab(root, readState(Path.of(stateDir, "state.env")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run lab/mail-up.sh", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the mail lab", e);
        }
    }

    private static Path projectRoot() {
        String configured = System.getProperty("quench.root");
        Path dir = Path.of(configured != null ? configured : System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("lab/mail-up.sh"))) return d;
        }
        throw new IllegalStateException("lab/mail-up.sh not found above " + dir);
    }

    /** KEY=VALUE lines, values optionally in double quotes; # comments. */
    static Map<String, String> readState(Path file) throws IOException {
        Map<String, String> m = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            int eq = line.indexOf('=');
            String v = line.substring(eq + 1);
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) v = v.substring(1, v.length() - 1);
            m.put(line.substring(0, eq), v);
        }
        return m;
    }

    private String value(String key) {
        String v = state.get(key);
        if (v == null) throw new IllegalStateException("the lab state file has no " + key);
        return v;
    }

    // --- topology --------------------------------------------------------------------------------

    public Path root() { return root; }
    public String smtpAddress() { return value("SMTP_ADDR"); }
    public int smtpPort() { return Integer.parseInt(value("SMTP_PORT")); }
    public int submissionPort() { return Integer.parseInt(value("SUBMISSION_PORT")); }
    public int imapPort() { return Integer.parseInt(value("IMAP_PORT")); }
    public String localDomain() { return value("LOCAL_DOMAIN"); }
    public String dnsServer() { return value("DNS_ADDR"); }
    public String remoteMxAddress() { return value("REMOTE_ADDR"); }
    public int remoteDeferPort() { return Integer.parseInt(value("REMOTE_DEFER_PORT")); }
    public int remoteBlockPort() { return Integer.parseInt(value("REMOTE_BLOCK_PORT")); }
    /** Remote domains whose MX answers 550 "on our block list (S3150)". */
    public List<String> blockedDomains() { return List.of(value("BLOCKED_DOMAINS").split(" ")); }
    public String mynetworks() { return value("MYNETWORKS"); }
    public String trustedRelay() { return value("TRUSTED_RELAY"); }
    public String trustedCidr() { return value("TRUSTED_CIDR"); }
    public String rogueIp() { return value("ROGUE_IP"); }
    public Path mailLog() { return Path.of(value("MAIL_LOG")); }
    public Path remoteLog() { return Path.of(value("REMOTE_LOG")); }
    public Path usersFile() { return Path.of(value("USERS_FILE")); }
    public Path stateDir() { return Path.of(value("LAB_DIR")); }

    /** Full addresses of the lab users, e.g. {@code mallory@example.test}. */
    public List<String> users() {
        return Arrays.stream(value("USERS").split(" ")).map(u -> u + "@" + localDomain()).toList();
    }

    /** @param user {@code mallory} or {@code mallory@example.test} */
    public String address(String user) {
        return user.contains("@") ? user : user + "@" + localDomain();
    }

    /** The user's lab password (as restored by {@link #reset()}). */
    public String password(String user) {
        return value("PASSWORD_" + user.split("@")[0]);
    }

    public Transport transport() {
        return transport;
    }

    // --- clients ---------------------------------------------------------------------------------

    /** A connection to the submission port (587, AUTH required to relay) from {@code clientAddress}. */
    public SmtpClient submission(String clientAddress, String helo) throws IOException {
        SmtpClient c = SmtpClient.connect(smtpAddress(), submissionPort(), clientAddress);
        c.ehlo(helo);
        return c;
    }

    /** A connection to port 25 (mynetworks relay without AUTH; AUTH offered too). */
    public SmtpClient smtp(String clientAddress, String helo) throws IOException {
        SmtpClient c = SmtpClient.connect(smtpAddress(), smtpPort(), clientAddress);
        c.ehlo(helo);
        return c;
    }

    /** Submission connection already authenticated as {@code user} with AUTH PLAIN. */
    public SmtpClient authenticated(String user, String clientAddress) throws IOException {
        SmtpClient c = submission(clientAddress, "client.test");
        c.authPlain(address(user), password(user));
        return c;
    }

    public Imap imap(String user, String clientAddress) throws IOException {
        return Imap.open(smtpAddress(), imapPort(), clientAddress, address(user), password(user));
    }

    // --- queue and log ---------------------------------------------------------------------------

    public ExecResult run(String command) {
        try {
            return transport.exec(command, null, COMMAND_TIMEOUT);
        } catch (TransportException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private ExecResult runOk(String command) {
        ExecResult r = run(command);
        if (!r.ok()) throw new IllegalStateException(command + " failed (exit " + r.exitCode() + "): " + r.stderr());
        return r;
    }

    /** The main instance's queue, via {@code postqueue -j}. */
    public List<QueuedMessage> queue() {
        return new PostqueueJsonParser().parse(runOk("postqueue -j").stdout());
    }

    public Set<String> queueIds() {
        return queue().stream().map(QueuedMessage::queueId).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Waits until the queue satisfies {@code condition}; fails with the last listing on timeout. */
    public List<QueuedMessage> awaitQueue(String what, Predicate<List<QueuedMessage>> condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<QueuedMessage> q;
        do {
            q = queue();
            if (condition.test(q)) return q;
            sleep(100);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("queue did not reach '" + what + "' within " + timeout + "; " + q.size()
                + " messages: " + q.stream().map(m -> m.queueId() + ":" + m.queueName()).limit(20).toList());
    }

    /**
     * Waits until at least {@code n} messages are queued and every one has had its delivery
     * attempt (none left in incoming/active): a stable queue to act on.
     */
    public List<QueuedMessage> awaitSettled(int n, Duration timeout) {
        return awaitQueue(n + " settled messages", q -> q.size() >= n
                && q.stream().noneMatch(m -> m.queueName().equals("active") || m.queueName().equals("incoming")), timeout);
    }

    /** Current length of the mail log: pass it to {@link #logSince} to read what came after. */
    public long logMark() {
        try {
            return Files.size(mailLog());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String logSince(long mark) {
        try (FileChannel ch = FileChannel.open(mailLog(), StandardOpenOption.READ)) {
            long size = ch.size();
            if (size <= mark) return "";
            var buf = java.nio.ByteBuffer.allocate((int) (size - mark));
            ch.read(buf, mark);
            return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the log written after {@code mark} holds {@code count} lines containing {@code text}. */
    public String awaitLog(long mark, String text, int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        String log;
        do {
            log = logSince(mark);
            if (log.lines().filter(l -> l.contains(text)).count() >= count) return log;
            sleep(100);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("mail log: fewer than " + count + " lines with '" + text + "' within " + timeout
                + "; last lines:\n" + log.lines().skip(Math.max(0, log.lines().count() - 15)).collect(Collectors.joining("\n")));
    }

    /**
     * Back to a clean lab without restarting anything: empty queue, empty mail log, every user's
     * lab password restored, no IMAP sessions.
     */
    public void reset() {
        runOk("postsuper -d ALL");
        runOk("bash " + root.resolve("lab/mail-up.sh") + " --users");
        runOk("doveadm kick '*' >/dev/null || true");
        try {
            // postlogd appends (O_APPEND): truncating in place is safe while it runs
            try (FileChannel ch = FileChannel.open(mailLog(), StandardOpenOption.WRITE)) {
                ch.truncate(0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitQueue("empty", List::isEmpty, Duration.ofSeconds(10));
    }

    /**
     * Puts the lab's configuration back as lab/mail-up.sh writes it (after a test that changed
     * main.cf for real): the script rewrites every file and restarts what changed. Output goes to
     * a file: a daemon it starts must not hold a pipe of ours.
     */
    public void restoreConfig() {
        Path log = stateDir().resolve("restore.log");
        ExecResult r = run("bash " + root.resolve("lab/mail-up.sh") + " >" + log + " 2>&1 </dev/null");
        if (!r.ok()) {
            String out;
            try {
                out = Files.readString(log);
            } catch (IOException e) {
                out = e.getMessage();
            }
            throw new IllegalStateException("lab/mail-up.sh could not restore the lab (exit " + r.exitCode() + "):\n" + out);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

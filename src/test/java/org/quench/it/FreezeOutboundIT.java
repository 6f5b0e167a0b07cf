package org.quench.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quench.lab.SshdLab;
import org.quench.lab.mail.MailLab;
import org.quench.mail.queue.QueuedMessage;
import org.quench.lab.mail.SmtpClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * freeze-outbound / thaw-outbound end to end, over a real sshd, on the real Postfix lab. During
 * the freeze, real mail submitted with AUTH on 587 to a local recipient lands in its Maildir while
 * the mail to a remote recipient stays queued ("deferred transport") and the stand-in remote MX
 * (its own log) sees no connection; the previous defer_transports is on the host and in the run
 * record, main.cf backed up. The thaw, a separate run, puts back exactly what was there (unset, or
 * a pre-set value) and the deferred mail is tried at the remote MX at once. lab/mail-up.sh puts
 * the configuration back after each test.
 */
class FreezeOutboundIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path REPO = Path.of("").toAbsolutePath();
    static final Path POSTFIX = Path.of("/etc/postfix");
    static final Path STATE = Path.of("/var/lib/quench/freeze-outbound.state");
    static SshdLab sshd;
    static MailLab mail;

    @TempDir Path tmp;
    Quench quench;
    Path inventory;
    String known;
    Set<Path> backupsBefore;

    @BeforeAll
    static void labs() {
        sshd = SshdLab.shared();
        mail = MailLab.get();
    }

    @BeforeEach
    void setUp() throws Exception {
        mail.reset();
        assertThat(STATE).as("no freeze left over on the lab").doesNotExist();
        assertThat(deferTransports()).as("the lab leaves defer_transports unset").isEmpty();
        quench = new Quench(Files.createDirectories(tmp.resolve("home")));
        inventory = new LabInventory(sshd).host("mx1", "127.0.0.61").var("platform", "postfix").write(tmp);
        known = sshd.writeKnownHosts("127.0.0.61").toString();
        backupsBefore = backups();
    }

    @AfterEach
    void restore() throws Exception {
        Files.deleteIfExists(STATE);
        mail.restoreConfig();
        mail.run("postsuper -d ALL");
        for (Path b : backups()) if (!backupsBefore.contains(b)) Files.deleteIfExists(b);
        assertThat(deferTransports()).isEmpty();
    }

    private static Set<Path> backups() throws Exception {
        try (Stream<Path> s = Files.list(POSTFIX)) {
            return s.filter(p -> p.getFileName().toString().startsWith("main.cf.quench-")).collect(Collectors.toSet());
        }
    }

    /** {@code postconf -n defer_transports}: empty when unset. */
    private static String deferTransports() {
        return mail.run("postconf -n defer_transports").stdout().strip();
    }

    private Quench.Result run(String runbook, Path report, String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("run", runbook, "-i", inventory.toString(),
                "--known-hosts", known, "--json", report.toString()));
        args.addAll(List.of(extra));
        return quench.run(REPO, args.toArray(String[]::new));
    }

    private static String sha(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    private static long size(Path p) throws Exception {
        return Files.exists(p) ? Files.size(p) : 0;
    }

    private static String since(Path p, long mark) throws Exception {
        byte[] all = Files.readAllBytes(p);
        return all.length <= mark ? "" : new String(all, (int) mark, all.length - (int) mark, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** alice submits (AUTH on 587) one message to bob and one to a remote recipient: {local id, remote id}. */
    private String[] submit() throws Exception {
        try (SmtpClient c = mail.authenticated("alice", "127.0.0.1")) {
            String from = mail.address("alice");
            List<String> local = List.of(mail.address("bob"));
            List<String> remote = List.of("partner@remote1.test");
            String l = c.send(from, local, SmtpClient.message(from, local, "local during freeze", "stays here"));
            String r = c.send(from, remote, SmtpClient.message(from, remote, "remote during freeze", "must wait"));
            return new String[]{l, r};
        }
    }

    private static long maildirCount(String user) throws Exception {
        Path dir = Path.of("/var/mail/vhosts/example.test", user, "new");
        if (!Files.isDirectory(dir)) return 0;
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void dryRunShowsTheExactCommandAndChangesNothing() throws Exception {
        String mainCf = sha(POSTFIX.resolve("main.cf"));
        Quench.Result r = run("freeze-outbound", tmp.resolve("dry.json"), "--dry-run");
        assertThat(r.exit()).as(r.toString()).isIn(0, 1);
        assertThat(r.out()).as(r.toString()).contains("PLAN").contains("postconf -e 'defer_transports = smtp relay'")
                .contains("postfix check").contains("postfix reload").contains("previous=unset");
        assertThat(sha(POSTFIX.resolve("main.cf"))).isEqualTo(mainCf);
        assertThat(deferTransports()).isEmpty();
        assertThat(STATE).doesNotExist();
        assertThat(backups()).isEqualTo(backupsBefore);
    }

    @Test
    void freezeKeepsLocalDeliveryHoldsRemoteMailAndThawRestoresUnset() throws Exception {
        String mainCfBefore = Files.readString(POSTFIX.resolve("main.cf"));
        Quench.Result frozen = run("freeze-outbound", tmp.resolve("freeze.json"), "--yes");
        assertThat(frozen.exit()).as(frozen.toString()).isEqualTo(0);
        assertThat(deferTransports()).isEqualTo("defer_transports = smtp relay");
        assertThat(Files.readString(STATE)).contains("previous=unset").contains("deferred=smtp relay");

        // the run record keeps the previous value and where the backup is
        JsonNode doc = JSON.readTree(tmp.resolve("freeze.json").toFile());
        Path evidence = tmp.resolve("home/runs").resolve(doc.get("runId").asText()).resolve("evidence/mx1/freeze-outbound.txt");
        String record = Files.readString(evidence);
        assertThat(record).contains("defer_transports before: unset").contains("defer_transports after: 'smtp relay'");
        String backup = record.lines().filter(l -> l.startsWith("backup /etc/postfix/main.cf -> ")).findFirst().orElseThrow()
                .substring("backup /etc/postfix/main.cf -> ".length());
        assertThat(Files.readString(Path.of(backup))).isEqualTo(mainCfBefore);

        // real mail during the freeze: local delivered, remote queued and never handed to the remote MX
        long remoteMark = size(mail.remoteLog());
        long bobBefore = maildirCount("bob");
        long mark = mail.logMark();
        String[] ids = submit();
        mail.awaitLog(mark, ids[0] + ": to=<" + mail.address("bob") + ">", 1, Duration.ofSeconds(20));
        assertThat(mail.logSince(mark)).contains(ids[0] + ": to=<" + mail.address("bob") + ">").contains("status=sent");
        assertThat(maildirCount("bob")).isEqualTo(bobBefore + 1);
        List<QueuedMessage> q = mail.awaitQueue("remote message deferred", l -> l.stream().anyMatch(m -> m.queueId().equals(ids[1])
                && m.queueName().equals("deferred")), Duration.ofSeconds(20));
        assertThat(mail.logSince(mark)).contains(ids[1] + ": to=<partner@remote1.test>").contains("deferred transport");
        assertThat(q).extracting(QueuedMessage::queueId).doesNotContain(ids[0]);
        Thread.sleep(1000);
        assertThat(since(mail.remoteLog(), remoteMark)).as("nothing handed to the remote MX").doesNotContain("connect from");

        // a second freeze keeps the recorded original
        String state = Files.readString(STATE);
        Quench.Result again = run("freeze-outbound", tmp.resolve("again.json"), "--yes");
        assertThat(again.exit()).as(again.toString()).isEqualTo(0);
        assertThat(again.out()).contains("already frozen");
        assertThat(Files.readString(STATE)).isEqualTo(state);

        // thaw, another run: exactly unset again, the deferred mail is tried at the remote MX
        long thawMark = mail.logMark();
        long remoteThaw = size(mail.remoteLog());
        Quench.Result thaw = run("thaw-outbound", tmp.resolve("thaw.json"), "--yes");
        assertThat(thaw.exit()).as(thaw.toString()).isEqualTo(0);
        assertThat(deferTransports()).isEmpty();
        assertThat(STATE).doesNotExist();
        String retried = mail.awaitLog(thawMark, ids[1] + ": to=<partner@remote1.test>", 1, Duration.ofSeconds(20));
        assertThat(retried).contains("relay=127.0.1.25[127.0.1.25]:25").contains("451");
        assertThat(since(mail.remoteLog(), remoteThaw)).contains("connect from");
    }

    @Test
    void thawRestoresAPresetValueAndRefusesWithoutAFreeze() throws Exception {
        Quench.Result refused = run("thaw-outbound", tmp.resolve("none.json"), "--yes");
        assertThat(refused.exit()).as(refused.toString()).isNotEqualTo(0);
        assertThat(refused.out() + refused.err()).contains("no freeze is recorded on this host");

        assertThat(mail.run("postconf -e 'defer_transports = uucp' && postfix reload").ok()).isTrue();
        Quench.Result frozen = run("freeze-outbound", tmp.resolve("freeze.json"), "--yes");
        assertThat(frozen.exit()).as(frozen.toString()).isEqualTo(0);
        assertThat(deferTransports()).isEqualTo("defer_transports = uucp smtp relay");
        assertThat(Files.readString(STATE)).contains("previous=set:uucp");
        Quench.Result thaw = run("thaw-outbound", tmp.resolve("thaw.json"), "--yes");
        assertThat(thaw.exit()).as(thaw.toString()).isEqualTo(0);
        assertThat(deferTransports()).isEqualTo("defer_transports = uucp");
        mail.run("postconf -X defer_transports && postfix reload");
    }
}

package org.quench.mail.contain;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quench.engine.ModuleCall;
import org.quench.engine.ModuleFailure;
import org.quench.engine.SecretVault;
import org.quench.engine.StepModule;
import org.quench.lab.mail.Imap;
import org.quench.lab.mail.MailLab;
import org.quench.lab.mail.SmtpClient;
import org.quench.mail.queue.QueuedMessage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The containment modules against the real lab: a compromised account's queued mail found by SASL
 * identity (forged envelope senders, the null sender and a hostile quoted local part included),
 * evidence kept, held, deleted — and nothing else touched; a live IMAP session kicked; the
 * password reset in Dovecot's real passwd-file.
 */
class ContainmentOnLabTest {
    private static final Duration T = Duration.ofSeconds(60);
    private static final Path CANARY = Path.of("/tmp/quench-contain-canary");
    private static MailLab lab;
    private RecordingContext ctx;

    @BeforeAll
    static void up() {
        lab = MailLab.get();
    }

    @BeforeEach
    void clean() throws Exception {
        lab.reset();
        Files.deleteIfExists(CANARY);
        ctx = new RecordingContext(lab.transport());
    }

    @AfterEach
    void restore() {
        lab.reset();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> run(StepModule module, Object... args) throws Exception {
        Map<String, Object> a = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) a.put((String) args[i], args[i + 1]);
        ModuleCall call = module.prepare(ctx.host(), a);
        return (Map<String, Object>) call.execute(ctx);
    }

    private static String send(SmtpClient c, String envelopeFrom, String... to) throws Exception {
        List<String> rcpts = List.of(to);
        return c.send(envelopeFrom, rcpts, SmtpClient.message("Support <support@bank.test>", rcpts, "offer", "cheap pills"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void selectsExactlyTheAccountsMailKeepsEvidenceHoldsAndDeletesOnlyThat() throws Exception {
        Set<String> mallory = new HashSet<>();
        Set<String> others = new HashSet<>();
        List<String> forged = List.of("ceo@bank.test", "alice@example.test", "", "\"$(touch " + CANARY + ")\"@evil.test",
                "mallory@example.test");
        try (SmtpClient spam = lab.authenticated("mallory", "127.0.1.66")) {
            for (int i = 0; i < 30; i++) {
                mallory.add(send(spam, forged.get(i % forged.size()), "victim" + i + "@example.net", "v" + i + "@example.org"));
            }
        }
        try (SmtpClient alice = lab.authenticated("alice", "127.0.1.11")) {
            for (int i = 0; i < 8; i++) others.add(send(alice, "alice@example.test", "partner" + i + "@example.net"));
        }
        try (SmtpClient bob = lab.authenticated("bob", "127.0.1.12")) {
            for (int i = 0; i < 4; i++) {
                // mail TO mallory (plus a remote, so it stays queued) is not mallory's mail
                others.add(send(bob, "bob@example.test", "mallory@example.test", "boss" + i + "@example.net"));
            }
        }
        try (SmtpClient relay = lab.smtp(lab.trustedRelay(), "app.corp.test")) {
            for (int i = 0; i < 3; i++) others.add(send(relay, "mallory@example.test", "customer" + i + "@example.net"));
        }
        lab.awaitSettled(mallory.size() + others.size(), T);

        Map<String, Object> q = run(new QueueSummaryModule(), "user", "mallory@example.test");
        Map<String, Object> selected = (Map<String, Object>) q.get("selected");
        assertThat(q.get("total")).isEqualTo(mallory.size() + others.size());
        assertThat((List<String>) selected.get("ids")).containsExactlyInAnyOrderElementsOf(mallory);
        assertThat(selected.get("count")).isEqualTo(mallory.size());
        assertThat(selected.get("held")).isEqualTo(0);
        assertThat((List<String>) selected.get("senders")).containsExactlyInAnyOrder("ceo@bank.test", "alice@example.test",
                "MAILER-DAEMON", "\"$(touch " + CANARY + ")\"@evil.test", "mallory@example.test");
        assertThat(selected.get("recipients")).isEqualTo(60);
        assertThat(q.get("others")).isEqualTo(others.size());
        assertThat((Map<String, Object>) q.get("bySender")).containsEntry("alice@example.test", 6 + 8)
                .containsEntry("mallory@example.test", 6 + 3);
        List<String> ids = (List<String>) selected.get("ids");

        // Nothing lost: deleting what is not on hold is refused
        assertThatThrownBy(() -> run(QueueChangeModule.delete(), "ids", ids)).isInstanceOf(ModuleFailure.class)
                .hasMessageContaining("not on hold");
        assertThat(lab.queueIds()).containsAll(mallory);

        Map<String, Object> ev = run(new QueueEvidenceModule(), "ids", ids, "sample", "5");
        assertThat(ev).containsEntry("saved", 30).containsEntry("headers", 5)
                .containsEntry("files", List.of("queue-listing.jsonl", "queue-headers.txt"));
        String listing = ctx.evidence.get("queue-listing.jsonl");
        assertThat(listing.lines()).hasSize(30).allSatisfy(l -> assertThat(mallory).anyMatch(l::contains));
        String headers = ctx.evidence.get("queue-headers.txt");
        assertThat(headers).contains("sasl_username=mallory@example.test").contains("Subject: offer")
                .doesNotContain("partner0@example.net");

        Map<String, Object> held = run(QueueChangeModule.hold(), "ids", ids);
        assertThat(held).containsEntry("requested", 30).containsEntry("changed", 30).containsEntry("already", 0);
        assertThat(lab.queue()).filteredOn(QueuedMessage::held).extracting(QueuedMessage::queueId)
                .containsExactlyInAnyOrderElementsOf(mallory);
        int before = ctx.commands.size();
        Map<String, Object> again = (Map<String, Object>) run(new QueueSummaryModule(), "user", "mallory@example.test").get("selected");
        assertThat(again.get("held")).isEqualTo(30);
        // the same queue files (id and arrival time) were read in this run: no postcat again
        assertThat(ctx.commands.subList(before, ctx.commands.size())).noneMatch(c -> c.startsWith("postcat"));

        before = ctx.commands.size();
        Map<String, Object> deleted = run(QueueChangeModule.delete(), "ids", ids);
        assertThat(deleted).containsEntry("changed", 30);
        // checked against the run's latest listing, held by postsuper's own queue restriction, verified once after
        assertThat(ctx.commands.subList(before, ctx.commands.size())).containsExactly("postsuper -d - hold", "postqueue -j");
        assertThat(lab.queueIds()).containsExactlyInAnyOrderElementsOf(others);
        assertThat(run(new QueueSummaryModule(), "user", "mallory@example.test").get("selected"))
                .isEqualTo(Map.of("ids", List.of(), "count", 0, "held", 0, "senders", List.of(), "recipients", 0));

        // ids only ever travelled on stdin or as validated words; the hostile sender executed nothing
        assertThat(ctx.commands).noneMatch(c -> c.contains("touch"));
        assertThat(CANARY).doesNotExist();
    }

    @Test
    void releaseAndVanishedIds() throws Exception {
        String id;
        try (SmtpClient c = lab.authenticated("carol", "127.0.1.14")) {
            id = send(c, "carol@example.test", "x@example.net");
        }
        lab.awaitSettled(1, T);
        run(QueueChangeModule.hold(), "ids", List.of(id));
        assertThat(run(QueueChangeModule.release(), "ids", List.of(id))).containsEntry("changed", 1);
        assertThat(lab.queue()).singleElement().satisfies(m -> assertThat(m.held()).isFalse());
        // releasing what is not held does not pretend it worked
        assertThatThrownBy(() -> run(QueueChangeModule.release(), "ids", List.of("ABCDEF12345")))
                .isInstanceOf(ModuleFailure.class).hasMessageContaining("not released");
        assertThat(run(QueueChangeModule.delete(), "ids", List.of(id), "require_hold", "false")).containsEntry("changed", 1);
        assertThat(run(QueueChangeModule.delete(), "ids", List.of())).containsEntry("requested", 0);
        // ids only on stdin: postsuper's argv is the option, "-" and at most the queue it searches
        assertThat(ctx.commands).filteredOn(c -> c.startsWith("postsuper")).allMatch(c -> c.matches("postsuper -[hHd] -( hold)?"));
        assertThat(ctx.commands).contains("postsuper -d -"); // require_hold: false searches every queue
    }

    @Test
    void logoutKicksALiveImapSession() throws Exception {
        try (Imap session = lab.imap("carol", "127.0.1.30")) {
            assertThat(session.isOpen()).isTrue();
            Map<String, Object> s = run(new SessionsModule(), "user", "carol@example.test");
            assertThat(s).containsEntry("user", "carol@example.test").containsEntry("sessions", 1)
                    .containsEntry("ips", List.of("127.0.1.30"));
            assertThat(run(new LogoutModule(), "user", "carol@example.test")).isEqualTo(Map.of("kicked", 1));
            assertThat(session.awaitClosedByServer(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(run(new SessionsModule(), "user", "carol@example.test")).containsEntry("sessions", 0);
        // nothing left to kick: doveadm says "no users kicked" (exit 68), which is success here
        assertThat(run(new LogoutModule(), "user", "carol@example.test")).isEqualTo(Map.of("kicked", 0));
    }

    @Test
    void passwordResetInTheRealPasswdFile() throws Exception {
        Path file = lab.usersFile();
        List<String> linesBefore = Files.readAllLines(file);
        PosixFileAttributes attrsBefore = Files.readAttributes(file, PosixFileAttributes.class);
        String oldPassword = lab.password("mallory");
        String newPassword = new SecretVault().generate(20);
        String suffix = ".quench-test" + System.nanoTime();
        Path backup = Path.of(file + suffix);
        long mark = lab.logMark();
        try {
            Map<String, Object> r = run(new PasswordModule(), "user", "mallory@example.test", "password", newPassword,
                    "passwd_file", file.toString(), "backup_suffix", suffix);
            assertThat(r).containsEntry("user", "mallory@example.test").containsEntry("platform", "postfix")
                    .containsEntry("changed", true).containsEntry("verified", true).containsEntry("backup", backup.toString());

            assertThat(lab.run(auth("mallory@example.test", oldPassword)).exitCode()).as("old password").isEqualTo(77);
            assertThat(lab.run(auth("mallory@example.test", newPassword)).exitCode()).as("new password").isZero();

            List<String> linesAfter = Files.readAllLines(file);
            assertThat(linesAfter).hasSameSizeAs(linesBefore);
            for (int i = 0; i < linesBefore.size(); i++) {
                if (linesBefore.get(i).startsWith("mallory@example.test:")) {
                    String[] before = linesBefore.get(i).split(":", -1);
                    String[] after = linesAfter.get(i).split(":", -1);
                    assertThat(after[1]).startsWith("{SHA512-CRYPT}$6$").isNotEqualTo(before[1]);
                    assertThat(after).hasSameSizeAs(before);
                    for (int f = 2; f < before.length; f++) assertThat(after[f]).isEqualTo(before[f]);
                } else {
                    assertThat(linesAfter.get(i)).isEqualTo(linesBefore.get(i)); // others byte-identical
                }
            }
            PosixFileAttributes attrsAfter = Files.readAttributes(file, PosixFileAttributes.class);
            assertThat(attrsAfter.permissions()).isEqualTo(attrsBefore.permissions());
            assertThat(attrsAfter.owner()).isEqualTo(attrsBefore.owner());
            assertThat(attrsAfter.group()).isEqualTo(attrsBefore.group());
            assertThat(Files.readAllLines(backup)).isEqualTo(linesBefore);
            assertThat(Files.readAttributes(backup, PosixFileAttributes.class).permissions()).isEqualTo(attrsBefore.permissions());
            try (var dir = Files.list(file.getParent())) {
                assertThat(dir.map(Path::toString)).noneMatch(p -> p.contains(newPassword)).noneMatch(p -> p.contains("quench-tmp"));
            }

            // the secret never crossed in a command line, nor into the mail log
            assertThat(ctx.commands).isNotEmpty().noneMatch(c -> c.contains(newPassword));
            assertThat(ctx.secrets).containsExactly(newPassword);
            assertThat(lab.logSince(mark)).doesNotContain(newPassword);
        } finally {
            Files.deleteIfExists(backup);
            nextSecondAfterChangeOf(file);
        }
    }

    @Test
    void unknownUserIsRefusedAndNothingChanges() throws Exception {
        Path file = lab.usersFile();
        byte[] before = Files.readAllBytes(file);
        String suffix = ".quench-test" + System.nanoTime();
        assertThatThrownBy(() -> run(new PasswordModule(), "user", "nobody@example.test", "password", "Xy7-new-pass",
                "passwd_file", file.toString(), "backup_suffix", suffix))
                .isInstanceOf(ModuleFailure.class).hasMessageContaining("not in the passwd-file");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(Path.of(file + suffix)).doesNotExist();
    }

    /**
     * Dovecot re-checks a passwd-file at most once per second, by mtime (seconds) and size: the
     * lab's restore (same size) must not land in a second in which Dovecot already looked, or the
     * next logins in that second still see our hash.
     */
    private static void nextSecondAfterChangeOf(Path file) throws Exception {
        long last = Math.max(Files.getLastModifiedTime(file).toMillis(), System.currentTimeMillis()) / 1000;
        while (System.currentTimeMillis() / 1000 <= last) Thread.sleep(50);
    }

    /** {@code doveadm auth test} with the password on stdin (as the module does): never in argv. */
    private static String auth(String user, String password) {
        return "printf '%s\\n' '" + password.replace("'", "'\\''") + "' | doveadm auth test '" + user + "' >/dev/null";
    }

}

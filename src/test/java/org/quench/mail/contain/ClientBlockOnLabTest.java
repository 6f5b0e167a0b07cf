package org.quench.mail.contain;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quench.engine.ModuleCall;
import org.quench.engine.ModuleFailure;
import org.quench.engine.StepModule;
import org.quench.lab.mail.MailLab;
import org.quench.lab.mail.SmtpClient;
import org.quench.lab.mail.SmtpReply;
import org.quench.mail.config.ConfigFile;
import org.quench.mail.config.EffectiveRestriction;
import org.quench.mail.config.PostfixChange;
import org.quench.mail.config.PostfixChange.Step;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * postfix.block-clients / unblock-clients / blocked-clients against the lab's real Postfix, proved
 * with real SMTP: the brute-force client is refused on port 25 and on submission (587, whose
 * master.cf overrides smtpd_client_restrictions) — even after authenticating with a valid
 * password — while another client still authenticates and sends; the unblock gives it service
 * back; a failed change leaves main.cf and master.cf byte-identical.
 *
 * <p>The lab is shared: run under {@code flock /var/tmp/quench-lab.exclusive}. Every test puts
 * main.cf, master.cf and the table back as they were and reloads; the backups it made are removed.
 */
class ClientBlockOnLabTest {
    private static final String BRUTE = "127.0.4.66";
    private static final String OTHER = "127.0.3.7";
    private static final Path CONFIG = Path.of("/etc/postfix");
    private static final Path MAIN_CF = CONFIG.resolve("main.cf");
    private static final Path MASTER_CF = CONFIG.resolve("master.cf");
    private static final Path MAP = Path.of(BlockMapPath.DEFAULT);
    private static final Path CANARY = Path.of("/tmp/quench-block-canary");
    private static MailLab lab;
    private static byte[] mainCf;
    private static byte[] masterCf;
    private static byte[] map;
    private static Set<String> configFilesBefore;
    private RecordingContext ctx;

    @BeforeAll
    static void up() throws IOException {
        lab = MailLab.get();
        mainCf = Files.readAllBytes(MAIN_CF);
        masterCf = Files.readAllBytes(MASTER_CF);
        map = Files.exists(MAP) ? Files.readAllBytes(MAP) : null;
        configFilesBefore = listing();
    }

    @BeforeEach
    void clean() throws IOException {
        lab.reset();
        Files.deleteIfExists(CANARY);
        ctx = new RecordingContext(lab.transport());
    }

    @AfterEach
    void restore() throws IOException {
        restoreConfig();
        lab.reset();
    }

    @AfterAll
    static void down() throws IOException {
        restoreConfig();
    }

    /** Back to the configuration found at the start, byte for byte, without our backups; reload if anything changed. */
    private static void restoreConfig() throws IOException {
        boolean changed = !java.util.Arrays.equals(Files.readAllBytes(MAIN_CF), mainCf)
                || !java.util.Arrays.equals(Files.readAllBytes(MASTER_CF), masterCf);
        if (changed) {
            Files.write(MAIN_CF, mainCf);
            Files.write(MASTER_CF, masterCf);
        }
        if (map == null) changed |= Files.deleteIfExists(MAP);
        else if (!java.util.Arrays.equals(Files.readAllBytes(MAP), map)) {
            Files.write(MAP, map);
            changed = true;
        }
        for (String f : listing()) {
            if (!configFilesBefore.contains(f)) Files.deleteIfExists(CONFIG.resolve(f));
        }
        if (changed) assertThat(lab.run("postfix reload").exitCode()).isZero();
    }

    private static Set<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(CONFIG)) {
            return new TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
        }
    }

    private static Map<String, String> hashes() throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (Path p : List.of(MAIN_CF, MASTER_CF, MAP)) {
            out.put(p.toString(), Files.exists(p)
                    ? HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))) : "absent");
        }
        return out;
    }

    private ModuleCall prepare(StepModule module, Object... args) {
        Map<String, Object> a = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) a.put((String) args[i], args[i + 1]);
        return module.prepare(ctx.host(), a);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> run(StepModule module, Object... args) throws Exception {
        return (Map<String, Object>) prepare(module, args).execute(ctx);
    }

    /** The replies to RCPT TO a local mailbox from {@code client} on {@code port}, authenticated as bob when asked. */
    private SmtpReply rcpt(String client, boolean submission, boolean authenticate) throws IOException {
        try (SmtpClient c = submission ? lab.submission(client, "client.test") : lab.smtp(client, "client.test")) {
            if (authenticate) c.authPlain(lab.address("bob"), lab.password("bob"));
            SmtpClient.Transaction t = c.trySend("bob@example.test", List.of("alice@example.test"),
                    SmtpClient.message("bob@example.test", List.of("alice@example.test"), "hello", "test"));
            return t.recipients().get(0);
        }
    }

    /** Postfix's smtpd processes pick up a reload as they finish: poll briefly for the new behaviour. */
    private SmtpReply awaitRcpt(String client, boolean submission, boolean authenticate, boolean wantRejected) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        SmtpReply r;
        do {
            r = rcpt(client, submission, authenticate);
            if ((r.code() == 554) == wantRejected) return r;
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        return r;
    }

    @Test
    @SuppressWarnings("unchecked")
    void blockRefusesTheBruteForceIpOnBothPortsUnblockGivesServiceBack() throws Exception {
        // the lab as found: both clients send (587 authenticated, 25 to a local mailbox)
        assertThat(rcpt(BRUTE, true, true).code()).isEqualTo(250);
        assertThat(rcpt(BRUTE, false, false).code()).isEqualTo(250);

        // the dry run: the plan exists, nothing reaches the host, no file changes
        Map<String, String> before = hashes();
        ModuleCall planned = prepare(new BlockClientsModule(), "ips", List.of(BRUTE, "2001:db8::66"), "reason", "brute force test");
        assertThat(planned.commands()).hasSize(8);
        assertThat(ctx.commands).isEmpty();
        Map<String, Object> listed = run(new BlockedClientsModule());
        assertThat(listed).containsEntry("count", 0).containsEntry("everywhere", false);
        assertThat(hashes()).isEqualTo(before);

        Map<String, Object> r = run(new BlockClientsModule(), "ips", List.of(BRUTE, "2001:db8::66"), "reason", "brute force test");
        assertThat(r).containsEntry("blocked", List.of(BRUTE, "2001:db8::66")).containsEntry("already", List.of())
                .containsEntry("map", MAP.toString()).containsEntry("skipped", List.of());
        List<String> backups = (List<String>) r.get("backup");
        assertThat(backups).hasSize(map == null ? 2 : 3).allSatisfy(b -> assertThat(b).matches(".*\\.quench-\\d{8}T\\d{6}-\\d+"));
        assertThat(Path.of(backups.get(0))).hasBinaryContent(mainCf);
        assertThat(Path.of(backups.get(1))).hasBinaryContent(masterCf);
        assertThat(Files.readString(MAP)).contains(BRUTE + " REJECT brute force test\n", "2001:db8::66 REJECT brute force test\n");
        assertThat(lab.run("postconf -h smtpd_client_restrictions").stdout().strip()).startsWith("check_client_access, cidr:" + MAP);
        assertThat(lab.run("postconf -P submission/inet/smtpd_client_restrictions").stdout().strip()).isEqualTo(
                "submission/inet/smtpd_client_restrictions = check_client_access,cidr:" + MAP + ",permit_sasl_authenticated,reject");

        // real SMTP: refused on 25 and on 587 even with a valid password; the other client is untouched
        SmtpReply on587 = awaitRcpt(BRUTE, true, true, true);
        assertThat(on587.code()).as(on587.toString()).isEqualTo(554);
        assertThat(on587.text()).contains("Client host rejected: brute force test");
        SmtpReply on25 = awaitRcpt(BRUTE, false, false, true);
        assertThat(on25.code()).as(on25.toString()).isEqualTo(554);
        assertThat(on25.text()).contains("Client host rejected: brute force test");
        try (SmtpClient other = lab.authenticated("carol", OTHER)) {
            assertThat(other.send("carol@example.test", List.of("alice@example.test", "partner@example.net"),
                    SmtpClient.message("carol@example.test", List.of("alice@example.test"), "still", "works"))).isNotNull();
        }
        assertThat(rcpt(OTHER, false, false).code()).isEqualTo(250);

        listed = run(new BlockedClientsModule());
        assertThat(listed).containsEntry("count", 2).containsEntry("everywhere", true);
        assertThat((Map<String, Object>) listed.get("enforced")).containsEntry("main.cf", true).containsEntry("submission/inet", true);
        assertThat((List<Map<String, Object>>) listed.get("entries")).extracting(e -> e.get("ip")).containsExactly(BRUTE, "2001:db8::66");

        // again: nothing to change, nothing touched
        Map<String, String> blockedState = hashes();
        int commandsSoFar = ctx.commands.size();
        assertThat(run(new BlockClientsModule(), "ips", BRUTE)).containsEntry("blocked", List.of())
                .containsEntry("already", List.of(BRUTE)).containsEntry("backup", List.of());
        assertThat(hashes()).isEqualTo(blockedState);
        assertThat(ctx.commands.subList(commandsSoFar, ctx.commands.size())).noneMatch(c -> c.contains("postfix reload"));

        Map<String, Object> u = run(new UnblockClientsModule(), "ips", List.of(BRUTE, "192.0.2.9"));
        assertThat(u).containsEntry("unblocked", List.of(BRUTE)).containsEntry("absent", List.of("192.0.2.9"))
                .containsEntry("stillBlocked", List.of());
        assertThat((List<String>) u.get("backup")).singleElement().satisfies(b -> assertThat(b).startsWith(MAP + ".quench-"));
        assertThat(Files.readString(MAP)).doesNotContain(BRUTE).contains("2001:db8::66 REJECT");
        assertThat(awaitRcpt(BRUTE, true, true, false).code()).isEqualTo(250);
        assertThat(rcpt(BRUTE, false, false).code()).isEqualTo(250);
        assertThat(CANARY).doesNotExist();
    }

    @Test
    void aFailedChangeLeavesTheConfigurationByteIdentical() throws Exception {
        // the table cannot be written (no such directory): the step fails and every file is as it was
        Map<String, String> before = hashes();
        assertThatThrownBy(() -> run(new BlockClientsModule(), "ips", BRUTE, "map", "/etc/postfix/no-such-dir/blocked"))
                .isInstanceOf(ModuleFailure.class).hasMessageContaining("restored from the backups")
                .hasMessageContaining("Postfix was not reloaded");
        assertThat(hashes()).isEqualTo(before);
        assertThat(MAIN_CF).hasBinaryContent(mainCf);
        assertThat(MASTER_CF).hasBinaryContent(masterCf);
        assertThat(Path.of("/etc/postfix/no-such-dir")).doesNotExist();
        assertThat(ctx.commands).noneMatch(c -> c.equals("postfix reload"));

        // a failure after main.cf and master.cf really were edited (a check after postfix check
        // fails): both are put back byte for byte, nothing is reloaded
        String param = "smtpd_client_restrictions";
        PostfixChange change = new PostfixChange("test", List.of(ConfigFile.mainCf(), ConfigFile.masterCf()), List.of(
                Step.edit(EffectiveRestriction.mainEditCommand(param), null)
                        .withStdin("check_client_access cidr:/etc/postfix/x\n".getBytes(StandardCharsets.UTF_8)),
                Step.edit(EffectiveRestriction.overridesEditCommand(), null)
                        .withStdin("submission/inet/smtpd_client_restrictions=reject\n".getBytes(StandardCharsets.UTF_8))),
                List.of(Step.check("postconf -h smtpd_client_restrictions", null,
                        res -> res.stdout().contains("cidr:/etc/postfix/x") ? "the edit is there, and this check refuses it" : "edit missing")));
        assertThatThrownBy(() -> change.apply(ctx)).isInstanceOf(ModuleFailure.class)
                .hasMessageContaining("the edit is there, and this check refuses it").hasMessageContaining("restored");
        List<String> ran = new ArrayList<>(ctx.commands);
        assertThat(ran).contains("postfix check").doesNotContain("postfix reload");
        assertThat(MAIN_CF).hasBinaryContent(mainCf);
        assertThat(MASTER_CF).hasBinaryContent(masterCf);
        assertThat(rcpt(OTHER, false, false).code()).isEqualTo(250);
    }

    @Test
    void hostileValuesNeverReachTheHost() {
        for (String hostile : List.of("1.2.3.4; touch " + CANARY, "$(touch " + CANARY + ")", "1.2.3.4\n5.6.7.8 OK")) {
            assertThatThrownBy(() -> prepare(new BlockClientsModule(), "ips", List.of(hostile)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not an IPv4 or IPv6 address");
            assertThatThrownBy(() -> prepare(new UnblockClientsModule(), "ips", List.of(hostile)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> prepare(new BlockClientsModule(), "ips", BRUTE, "map", "/etc/postfix/x;touch " + CANARY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ctx.commands).isEmpty();
        assertThat(CANARY).doesNotExist();
    }

    @Test
    void mynetworksIsRefusedOrSkippedWhenTheStepRuns() throws Exception {
        Map<String, String> before = hashes();
        // 127.0.0.10 is a lab trusted relay: known only from the host's mynetworks
        assertThatThrownBy(() -> run(new BlockClientsModule(), "ips", lab.trustedRelay()))
                .isInstanceOf(ModuleFailure.class).hasMessageContaining("mynetworks entry").hasMessageContaining("nothing was changed");
        Map<String, Object> r = run(new BlockClientsModule(), "ips", List.of(lab.trustedRelay(), "127.0.0.1"), "skip_protected", "true");
        assertThat(r).containsEntry("blocked", List.of()).containsEntry("backup", List.of());
        assertThat(r.get("skipped").toString()).contains(lab.trustedRelay(), "127.0.0.1", "the server itself");
        assertThat(hashes()).isEqualTo(before);
    }
}

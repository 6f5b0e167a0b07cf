package org.quench.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quench.lab.mail.Imap;
import org.quench.lab.mail.SmtpClient;
import org.quench.mail.queue.QueuedMessage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * compromised-account end to end, over a real sshd, on the real Postfix + Dovecot lab, with an
 * incident made of real SMTP traffic: the dry run changes nothing; the real run purges exactly the
 * account's queued mail (forged envelope senders included), logs it out, resets its password, and
 * nothing an attacker wrote executes anywhere.
 */
class CompromisedAccountIT extends MailLabRun {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path REPO = Path.of("").toAbsolutePath();

    Path inventory;
    String known;
    Path pwned;


    @BeforeEach
    void setUp() throws Exception {
        inventory = new LabInventory(sshd).host("mx1", "127.0.0.60").var("platform", "postfix").write(tmp);
        known = sshd.writeKnownHosts("127.0.0.60").toString();
        pwned = tmp.resolve("pwned");
        sshd.clearCommandLog();
    }

    /** The incident: mallory's password is in a spammer's hands; carol sends a newsletter; alice writes to mallory. */
    private Set<String> stageIncident() throws Exception {
        Set<String> mallorys = new HashSet<>();
        String[] forged = {"billing@forged-bank.test", "", "\"$(touch " + pwned + ")\"@evil.test", "mallory@example.test",
                "noreply@paypa1.test"};
        for (int ip = 1; ip <= 8; ip++) {
            try (SmtpClient c = mail.submission("127.0.2." + ip, "`touch " + pwned + "-helo`")) {
                c.authPlain("mallory@example.test", mail.password("mallory"));
                for (int i = 0; i < 10; i++) {
                    String from = forged[(ip + i) % forged.length];
                    List<String> to = List.of("victim" + ip + "-" + i + "@remote" + (i % 5) + ".test",
                            "other" + ip + "-" + i + "@remote" + (i % 3) + ".test");
                    mallorys.add(c.send(from, to, SmtpClient.message(from.isEmpty() ? "x@y.test" : from, to, "invoice", "pay")));
                }
            }
        }
        try (SmtpClient c = mail.authenticated("carol", "127.0.3.5")) {
            for (int i = 0; i < 40; i++) {
                List<String> to = List.of("subscriber" + i + "@remote" + (i % 4) + ".test");
                c.send("carol@example.test", to, SmtpClient.message("carol@example.test", to, "newsletter", "news"));
            }
        }
        try (SmtpClient c = mail.authenticated("alice", "127.0.3.7")) {
            List<String> to = List.of("friend@remote1.test", "mallory@example.test");
            c.send("alice@example.test", to, SmtpClient.message("alice@example.test", to, "hi", "hello"));
            List<String> own = List.of("mallory@example.test");
            c.send("mallory@example.test", to, SmtpClient.message("mallory@example.test", own, "fwd", "x"));
        }
        mail.awaitQueue("incident queued", q -> q.size() >= mallorys.size() + 41, Duration.ofSeconds(30));
        return mallorys;
    }

    private static String sha256(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }

    private Quench.Result run(Path report, String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("run", "compromised-account", "-i", inventory.toString(),
                "--known-hosts", known, "--since", "1h", "--json", report.toString()));
        args.addAll(List.of(extra));
        return quench.run(REPO, args.toArray(String[]::new));
    }

    @Test
    void dryRunFindsTheAccountAndChangesNothing() throws Exception {
        Set<String> mallorys = stageIncident();
        Set<String> queueBefore = mail.queueIds();
        String passwdBefore = sha256(mail.usersFile());
        String mainCfBefore = sha256(Path.of("/etc/postfix/main.cf"));
        try (Imap session = mail.imap("mallory", "127.0.3.9")) {
            Path report = tmp.resolve("dry.json");
            Quench.Result r = run(report, "--dry-run");
            assertThat(r.exit()).as(r.toString()).isEqualTo(1);
            JsonNode host = JSON.readTree(report.toFile()).get("hosts").get(0);
            JsonNode accounts = host.get("findings").get("compromisedAccounts");
            assertThat(accounts).hasSize(1);
            assertThat(accounts.get(0).get("user").asText()).isEqualTo("mallory@example.test");
            assertThat(accounts.get(0).get("clientIps").asInt()).isEqualTo(8);
            // mail.reset() emptied the queue: what is queued by her login is exactly what she sent.
            assertThat(accounts.get(0).get("queued").asInt()).isEqualTo(mallorys.size());
            assertThat(accounts.get(0).get("reasons").size()).isPositive();
            assertThat(r.out()).contains("PLAN").contains("postsuper -h -").contains("postsuper -d -")
                    .contains("doveadm kick 'mallory@example.test'");
            assertThat(mail.queueIds()).isEqualTo(queueBefore);
            assertThat(sha256(mail.usersFile())).isEqualTo(passwdBefore);
            assertThat(sha256(Path.of("/etc/postfix/main.cf"))).isEqualTo(mainCfBefore);
            assertThat(session.isOpen()).as("the dry run logged nobody out").isTrue();
            assertThat(mail.queue().stream().filter(QueuedMessage::held)).as("nothing held").isEmpty();
        }
        assertThat(pwned).doesNotExist();
        assertThat(Path.of(pwned + "-helo")).doesNotExist();
    }

    @Test
    void realRunPurgesExactlyTheAccountsMailLogsItOutAndResetsItsPassword() throws Exception {
        Set<String> mallorys = stageIncident();
        Set<String> others = new HashSet<>(mail.queueIds());
        others.removeAll(mallorys);
        String oldPassword = mail.password("mallory");
        String carolLine = Files.readAllLines(mail.usersFile()).stream().filter(l -> l.startsWith("carol@")).findFirst().orElseThrow();
        try (Imap session = mail.imap("mallory", "127.0.3.9")) {
            Path report = tmp.resolve("real.json");
            Quench.Result r = run(report, "--yes");
            assertThat(r.exit()).as(r.toString()).isZero();

            Set<String> after = mail.queueIds();
            assertThat(after).as("none of mallory's queued mail is left").doesNotContainAnyElementsOf(mallorys);
            assertThat(after).as("everyone else's queued mail is intact").containsAll(others);
            assertThat(session.awaitClosedByServer(Duration.ofSeconds(10))).as("mallory's IMAP session was closed").isTrue();
        }
        assertThat(mail.run("printf '%s\\n' '" + oldPassword + "' | doveadm auth test mallory@example.test").exitCode())
                .as("the old password is refused").isEqualTo(77);
        assertThat(Files.readAllLines(mail.usersFile())).contains(carolLine);

        // The new password: shown once (a 0600 file, no terminal here), works, and went nowhere else.
        Path secrets;
        try (var files = Files.list(quench.home.resolve("secrets"))) {
            secrets = files.findFirst().orElseThrow();
        }
        String line = Files.readString(secrets).lines().filter(l -> l.contains("new_password")).findFirst().orElseThrow();
        assertThat(line).contains("user=mallory@example.test");
        String newPassword = line.substring(line.lastIndexOf(' ') + 1);
        assertThat(mail.run("printf '%s\\n' '" + newPassword + "' | doveadm auth test mallory@example.test").exitCode()).isZero();
        assertThat(sshd.commandLog()).noneMatch(c -> c.contains(newPassword));
        try (var files = Files.walk(quench.home.resolve("runs"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain(newPassword);
            }
        }
        // Evidence was kept before the purge.
        try (var files = Files.walk(quench.home.resolve("runs"))) {
            assertThat(files.map(Path::getFileName).map(Path::toString).collect(Collectors.toSet()))
                    .contains("queue-listing.jsonl", "queue-headers.txt");
        }
        assertThat(pwned).doesNotExist();
        assertThat(Path.of(pwned + "-helo")).doesNotExist();
    }

    /**
     * An account in a directory: the inventory's password_hook_local runs a site's own script on
     * the quench machine (where such a script and its credentials live), not on the host. Here the
     * script resets the Dovecot password itself, so the runbook's own verification proves it worked.
     */
    @Test
    void aLocalPasswordHookRunsOnTheQuenchMachineNeverOnTheHost() throws Exception {
        Path marker = tmp.resolve("hook-ran");
        Path hook = tmp.resolve("site-reset.sh");
        Files.writeString(hook, String.join("\n",
                "#!/bin/sh",
                "set -eu",
                "IFS= read -r pw",
                "printf '%s %s\\n' \"$QUENCH_HOST\" \"$QUENCH_USER\" > " + marker,
                "hash=$(printf '%s\\n%s\\n' \"$pw\" \"$pw\" | doveadm pw -s SHA512-CRYPT)",
                "f=" + mail.usersFile(),
                "U=\"$QUENCH_USER\" H=\"$hash\" awk -F: -v OFS=: '$1 == ENVIRON[\"U\"] { $2 = ENVIRON[\"H\"] } { print }' \"$f\" > \"$f.new\"",
                "cat \"$f.new\" > \"$f\"; rm -f \"$f.new\"",
                "doveadm auth cache flush \"$QUENCH_USER\" >/dev/null 2>&1 || true", ""));
        Files.setPosixFilePermissions(hook, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        inventory = new LabInventory(sshd).host("mx1", "127.0.0.60").var("platform", "postfix")
                .var("password_hook_local", hook.toString()).write(tmp);
        String oldPassword = mail.password("mallory");
        try (SmtpClient c = mail.authenticated("mallory", "127.0.2.1")) {
            List<String> to = List.of("victim@remote1.test");
            c.send("mallory@example.test", to, SmtpClient.message("mallory@example.test", to, "x", "y"));
        }
        sshd.clearCommandLog();
        Quench.Result r = quench.run(REPO, "run", "remediate-account", "-i", inventory.toString(), "--known-hosts", known,
                "-e", "user=mallory@example.test", "-e", "recheck_seconds=1", "--yes");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(Files.readString(marker).strip()).isEqualTo("mx1 mallory@example.test");
        assertThat(mail.run("printf '%s\\n' '" + oldPassword + "' | doveadm auth test mallory@example.test").exitCode())
                .as("the old password is refused").isEqualTo(77);
        assertThat(sshd.commandLog()).as("the hook never ran through sshd").noneMatch(c -> c.contains(hook.toString()));
        Path commands;
        try (var files = Files.walk(quench.home.resolve("runs"))) {
            commands = files.filter(f -> f.getFileName().toString().equals("commands.log")).findFirst().orElseThrow();
        }
        assertThat(Files.readString(commands)).contains("\tmx1 (local)\t0\t").contains(hook.toString());
        String newPassword;
        try (var files = Files.list(quench.home.resolve("secrets"))) {
            String line = Files.readString(files.findFirst().orElseThrow()).lines().filter(l -> l.contains("new_password"))
                    .findFirst().orElseThrow();
            newPassword = line.substring(line.lastIndexOf(' ') + 1);
        }
        assertThat(mail.run("printf '%s\\n' '" + newPassword + "' | doveadm auth test mallory@example.test").exitCode()).isZero();
        assertThat(Files.readString(commands)).doesNotContain(newPassword);
    }

    /**
     * -e block_bruteforce=true: the brute-force IP found in the log is blocked (a dry run only plans
     * it; without the parameter nothing about it is even planned). The lab's Postfix configuration
     * is put back byte for byte afterwards.
     */
    @Test
    void bruteForceIpsAreBlockedOnlyWhenAsked() throws Exception {
        Path mainCf = Path.of("/etc/postfix/main.cf");
        Path masterCf = Path.of("/etc/postfix/master.cf");
        Path map = Path.of("/etc/postfix/quench-blocked-clients");
        byte[] mainBefore = Files.readAllBytes(mainCf);
        byte[] masterBefore = Files.readAllBytes(masterCf);
        assertThat(map).doesNotExist();
        Set<String> configBefore;
        try (var files = Files.list(Path.of("/etc/postfix"))) {
            configBefore = files.map(Path::toString).collect(Collectors.toSet());
        }
        // Dovecot delays every failure (more for a repeat offender): one guess per connection, in parallel
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<Integer>> guesses = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String guess = "guess" + i;
                guesses.add(pool.submit(() -> {
                    try (SmtpClient c = mail.submission("127.0.4.66", "x.test")) {
                        return c.tryAuthPlain("mallory@example.test", guess).code();
                    }
                }));
            }
            for (var g : guesses) assertThat(g.get(60, java.util.concurrent.TimeUnit.SECONDS)).isGreaterThanOrEqualTo(400);
        } finally {
            pool.shutdownNow();
        }
        try {
            Quench.Result plain = run(tmp.resolve("plain.json"), "--dry-run");
            assertThat(plain.out()).as(plain.toString()).doesNotContain("cidr:");
            Quench.Result dry = run(tmp.resolve("dry-block.json"), "--dry-run", "-e", "block_bruteforce=true");
            assertThat(dry.exit()).as(dry.toString()).isEqualTo(1);
            assertThat(dry.out()).contains("postmap -q - 'cidr:/etc/postfix/quench-blocked-clients'").contains("postfix reload");
            assertThat(mainCf).hasBinaryContent(mainBefore);
            assertThat(masterCf).hasBinaryContent(masterBefore);
            assertThat(map).doesNotExist();

            Quench.Result real = run(tmp.resolve("real-block.json"), "--yes", "-e", "block_bruteforce=true");
            assertThat(real.exit()).as(real.toString()).isZero();
            assertThat(Files.readString(map)).contains("127.0.4.66 REJECT too many failed logins from this address");
            try (SmtpClient c = mail.smtp("127.0.4.66", "x.test")) {
                SmtpClient.Transaction t = c.trySend("a@b.test", List.of("alice@example.test"),
                        SmtpClient.message("a@b.test", List.of("alice@example.test"), "x", "y"));
                assertThat(t.recipients().get(0).code()).isEqualTo(554);
            }
        } finally {
            Files.write(mainCf, mainBefore);
            Files.write(masterCf, masterBefore);
            try (var files = Files.list(Path.of("/etc/postfix"))) {
                for (Path f : files.filter(f -> !configBefore.contains(f.toString())).toList()) Files.delete(f);
            }
            assertThat(mail.run("postfix reload").exitCode()).isZero();
        }
    }
}

package org.quench.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quench.lab.FileHashes;
import org.quench.lab.mail.SmtpClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * rogue-trusted-ip end to end, over a real sshd, on the real Postfix lab: 127.0.0.20 sits inside
 * the trusted 127.0.0.16/29 and relays spam without authenticating (real SMTP); its neighbours
 * relay a little ordinary mail. The dry run edits no file; the real run stops 127.0.0.20 relaying
 * while 127.0.0.17 and .18 still relay (real SMTP probes), backs main.cf up (recorded in the run),
 * and purges exactly the queued mail that came from 127.0.0.20. The lab's configuration is put
 * back by lab/mail-up.sh after each test.
 */
class RogueTrustedIpIT extends MailLabRun {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path REPO = Path.of("").toAbsolutePath();
    static final Path POSTFIX = Path.of("/etc/postfix");

    Path inventory;
    String known;
    Set<Path> backupsBefore;


    @BeforeEach
    void setUp() throws Exception {
        assertThat(mail.rogueIp()).isEqualTo("127.0.0.20");
        assertThat(mail.trustedCidr()).isEqualTo("127.0.0.16/29");
        inventory = new LabInventory(sshd).host("mx1", "127.0.0.61").var("platform", "postfix")
                .var("approved_relays", "[127.0.0.1/32, 127.0.0.10/32, 127.0.0.16/29]").write(tmp);
        known = sshd.writeKnownHosts("127.0.0.61").toString();
        backupsBefore = backups();
    }

    @AfterEach
    void restore() throws Exception {
        mail.restoreConfig();
        for (Path b : backups()) if (!backupsBefore.contains(b)) Files.deleteIfExists(b);
        assertThat(Files.readString(POSTFIX.resolve("main.cf"))).contains("mynetworks = " + mail.mynetworks());
    }

    private static Set<Path> backups() throws Exception {
        try (Stream<Path> s = Files.list(POSTFIX)) {
            return s.filter(p -> p.getFileName().toString().startsWith("main.cf.quench-")).collect(Collectors.toSet());
        }
    }

    /** Rogue traffic from 127.0.0.20 and ordinary mail from its neighbours; returns the rogue's queue ids. */
    private Set<String> stage(Set<String> neighbours) throws Exception {
        Set<String> rogue = new HashSet<>();
        String[] forged = {"security@forged-bank.test", "noreply@paypa1.test", "invoice@shipping-notice.test", ""};
        try (SmtpClient c = mail.smtp(mail.rogueIp(), "printer-07.example.test")) {
            for (int i = 0; i < 24; i++) {
                String from = forged[i % forged.length];
                List<String> to = List.of("target" + i + "@remote" + (i % 6) + ".test");
                rogue.add(c.send(from, to, SmtpClient.message(from.isEmpty() ? "x@y.test" : from, to, "your account", "click")));
            }
        }
        for (String ip : List.of("127.0.0.17", "127.0.0.18")) {
            try (SmtpClient c = mail.smtp(ip, "app.example.test")) {
                for (int i = 0; i < 2; i++) {
                    List<String> to = List.of("partner" + i + "@remote1.test");
                    neighbours.add(c.send("app@example.test", to, SmtpClient.message("app@example.test", to, "report", "ok")));
                }
            }
        }
        mail.awaitSettled(rogue.size() + neighbours.size(), Duration.ofSeconds(30));
        return rogue;
    }

    private Quench.Result run(Path report, String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("run", "rogue-trusted-ip", "-i", inventory.toString(),
                "--known-hosts", known, "--since", "1h", "--json", report.toString()));
        args.addAll(List.of(extra));
        return quench.run(REPO, args.toArray(String[]::new));
    }

    /** A relay attempt (unauthenticated, port 25) to a remote recipient: its RCPT reply. */
    private static SmtpClient.Transaction probe(String from) throws Exception {
        try (SmtpClient c = mail.smtp(from, "probe.example.test")) {
            List<String> to = List.of("probe@remote1.test");
            return c.trySend("app@example.test", to, SmtpClient.message("app@example.test", to, "probe", "probe"));
        }
    }

    @Test
    void dryRunFindsTheRogueIpAndEditsNothing() throws Exception {
        Set<String> neighbours = new HashSet<>();
        Set<String> rogue = stage(neighbours);
        Map<String, String> before = FileHashes.tree(POSTFIX);
        Set<String> queueBefore = mail.queueIds();
        Path report = tmp.resolve("dry.json");
        Quench.Result r = run(report, "--dry-run");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        JsonNode host = JSON.readTree(report.toFile()).get("hosts").get(0);
        JsonNode relays = host.get("findings").get("rogueRelays");
        assertThat(relays).as(r.toString()).hasSize(1);
        JsonNode f = relays.get(0);
        assertThat(f.get("ip").asText()).isEqualTo("127.0.0.20");
        assertThat(f.get("messages").asInt()).isEqualTo(rogue.size());
        assertThat(f.get("insideCidr").asText()).isEqualTo("127.0.0.16/29");
        assertThat(f.get("entry").asText()).isEqualTo("127.0.0.16/29 from mynetworks in /etc/postfix/main.cf");
        assertThat(f.get("foreignSenderDomains").toString()).contains("forged-bank.test", "paypa1.test", "shipping-notice.test");
        assertThat(f.get("helos").toString()).contains("printer-07.example.test");
        assertThat(f.get("queued").asInt()).isEqualTo(rogue.size());
        assertThat(r.out()).contains("PLAN")
                .contains("postconf -e 'mynetworks = !127.0.0.20, 127.0.0.1/32, 127.0.0.10/32, 127.0.0.16/29'")
                .contains("postsuper -h -").contains("postsuper -d - hold");
        assertThat(FileHashes.tree(POSTFIX)).as("no file under /etc/postfix changed").isEqualTo(before);
        assertThat(backups()).as("no backup taken").isEqualTo(backupsBefore);
        assertThat(mail.queueIds()).isEqualTo(queueBefore);
        assertThat(probe(mail.rogueIp()).queueId()).as("the rogue still relays after a dry run").isNotNull();
    }

    @Test
    void realRunStopsOnlyTheRogueIpAndPurgesExactlyItsMail() throws Exception {
        Set<String> neighbours = new HashSet<>();
        Set<String> rogue = stage(neighbours);
        String mainCfBefore = Files.readString(POSTFIX.resolve("main.cf"));
        Path report = tmp.resolve("real.json");
        Quench.Result r = run(report, "--yes");
        assertThat(r.exit()).as(r.toString()).isEqualTo(0);
        JsonNode doc = JSON.readTree(report.toFile());

        // relay probes over real SMTP: the rogue is refused, its /29 neighbours still relay
        SmtpClient.Transaction refused = probe(mail.rogueIp());
        assertThat(refused.queueId()).isNull();
        assertThat(refused.recipients().get(0).code()).isEqualTo(554);
        assertThat(refused.recipients().get(0).text()).contains("Relay access denied");
        for (String neighbour : List.of("127.0.0.17", "127.0.0.18", mail.trustedRelay())) {
            assertThat(probe(neighbour).queueId()).as(neighbour + " still relays").isNotNull();
        }

        // main.cf was backed up, and the run record says where
        Path evidence = tmp.resolve("home/runs").resolve(doc.get("runId").asText()).resolve("evidence/mx1/config-backup.txt");
        String record = Files.readString(evidence);
        assertThat(record).contains("mynetworks after: !127.0.0.20, 127.0.0.1/32, 127.0.0.10/32, 127.0.0.16/29");
        String backup = record.lines().filter(l -> l.startsWith("backup /etc/postfix/main.cf -> ")).findFirst().orElseThrow()
                .substring("backup /etc/postfix/main.cf -> ".length());
        assertThat(Files.readString(Path.of(backup))).isEqualTo(mainCfBefore);

        // exactly the rogue's queued mail is gone; the neighbours' is still there
        Set<String> after = mail.queueIds();
        assertThat(after).doesNotContainAnyElementsOf(rogue);
        assertThat(after).containsAll(neighbours);

        JsonNode steps = doc.get("hosts").get(0).get("steps");
        assertThat(steps.toString()).contains("\"name\":\"stop the IPs relaying\"").contains("\"status\":\"changed\"");
        assertThat(r.out()).doesNotContain("failed=1");
    }
}

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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * blacklisted end to end, over a real sshd, on the real lab. The incident, all real SMTP: mallory's
 * account sends spam (forged envelope senders, among them remote addresses whose bounces become
 * backscatter), part of it to outlook.test, whose stand-in MX refuses the lab with Outlook's S3150
 * block-list reply (a real reject_rbl_client lookup); 127.0.0.20, inside the trusted
 * 127.0.0.16/29, relays spam. The lab's DNS lists the outbound address 127.0.0.1 on zen.test
 * (127.0.0.3, with a TXT reason) and answers refused.test with 127.255.255.254.
 */
class BlacklistedIT extends MailLabRun {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path REPO = Path.of("").toAbsolutePath();
    static final Path POSTFIX = Path.of("/etc/postfix");

    String known;
    Set<Path> backupsBefore;

    @BeforeEach
    void setUp() throws Exception {
        known = sshd.writeKnownHosts("127.0.0.62").toString();
        backupsBefore = backups();
    }

    @AfterEach
    void restore() throws Exception {
        mail.restoreConfig();
        mail.run("postsuper -d ALL");
        for (Path b : backups()) if (!backupsBefore.contains(b)) Files.deleteIfExists(b);
    }

    private Path inventory(String zones) throws Exception {
        return new LabInventory(sshd).host("mx1", "127.0.0.62").var("platform", "postfix")
                .var("approved_relays", "[127.0.0.1/32, 127.0.0.10/32, 127.0.0.16/29]")
                .var("outbound_ips", "[127.0.0.1]").var("dnsbl_zones", zones).var("dns_resolver", mail.dnsServer())
                .write(tmp);
    }

    private static Set<Path> backups() throws Exception {
        try (Stream<Path> s = Files.list(POSTFIX)) {
            return s.filter(p -> p.getFileName().toString().startsWith("main.cf.quench-")).collect(Collectors.toSet());
        }
    }

    /** Stages the incident; returns how many of mallory's messages went to outlook.test recipients. */
    private int stageIncident(Set<String> mallorys) throws Exception {
        long mark = mail.logMark();
        String[] forged = {"billing@forged-bank.test", "noreply@paypa1.test", "mallory@example.test"};
        int toOutlook = 0;
        for (int ip = 1; ip <= 8; ip++) {
            try (SmtpClient c = mail.submission("127.0.2." + ip, "pc" + ip + ".example.test")) {
                c.authPlain("mallory@example.test", mail.password("mallory"));
                for (int i = 0; i < 10; i++) {
                    String from = forged[(ip + i) % forged.length];
                    boolean outlook = i % 5 == 0;
                    List<String> to = outlook ? List.of("victim" + ip + "-" + i + "@outlook.test")
                            : List.of("victim" + ip + "-" + i + "@remote" + (i % 5) + ".test", "other" + ip + "-" + i + "@remote" + (i % 3) + ".test");
                    if (outlook) toOutlook++;
                    mallorys.add(c.send(from, to, SmtpClient.message(from, to, "invoice", "pay")));
                }
            }
        }
        try (SmtpClient c = mail.smtp(mail.rogueIp(), "printer-07.example.test")) {
            for (int i = 0; i < 12; i++) {
                List<String> to = List.of("target" + i + "@remote" + (i % 4) + ".test");
                c.send("security@forged-bank.test", to, SmtpClient.message("security@forged-bank.test", to, "your account", "click"));
            }
        }
        // the refusals by outlook.test (bounced at once) and their bounces to the forged senders
        mail.awaitLog(mark, "status=bounced", toOutlook, Duration.ofSeconds(60));
        int refused = toOutlook;
        mail.awaitQueue("incident queued", q -> q.size() >= mallorys.size() - refused + 12,
                Duration.ofSeconds(30));
        return toOutlook;
    }

    private Quench.Result run(Path inventory, Path report, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "blacklisted", "-i", inventory.toString(),
                "--known-hosts", known, "--since", "1h", "--json", report.toString()));
        args.addAll(List.of(extra));
        return quench.run(REPO, args.toArray(String[]::new));
    }

    @Test
    void dryRunReportsListingsErrorsRefusalsBackscatterAndTheCausesAndChangesNothing() throws Exception {
        Set<String> mallorys = new HashSet<>();
        int toOutlook = stageIncident(mallorys);
        Map<String, String> before = FileHashes.tree(POSTFIX);
        Set<String> queueBefore = mail.queueIds();
        Path report = tmp.resolve("dry.json");
        Quench.Result r = run(inventory("[zen.test, refused.test, clean.test]"), report, "--dry-run",
                "-e", "freeze=true", "-e", "rate_limit=2s", "-e", "purge_backscatter=true");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        JsonNode doc = JSON.readTree(report.toFile());
        assertThat(doc.get("status").asText()).as(r.toString()).isEqualTo("findings");
        JsonNode f = doc.get("hosts").get(0).get("findings");

        JsonNode listings = f.get("listings");
        assertThat(listings).as(r.toString()).hasSize(1);
        assertThat(listings.get(0).get("ip").asText()).isEqualTo("127.0.0.1");
        assertThat(listings.get(0).get("zone").asText()).isEqualTo("zen.test");
        assertThat(listings.get(0).get("code").asText()).isEqualTo("127.0.0.3");
        assertThat(listings.get(0).get("meaning").asText()).contains("SBL CSS");
        assertThat(listings.get(0).get("reason").asText()).isEqualTo("https://check.spamhaus.org/query/ip/127.0.0.1");
        JsonNode errors = f.get("dnsblErrors");
        assertThat(errors).as("the refusing zone is an error, never a listing").hasSize(1);
        assertThat(errors.get(0).get("zone").asText()).isEqualTo("refused.test");
        assertThat(errors.get(0).get("code").asText()).isEqualTo("127.255.255.254");

        JsonNode bounces = f.get("blocklistBounces");
        assertThat(bounces).as(r.toString()).hasSize(1);
        assertThat(bounces.get(0).get("provider").asText()).isEqualTo("Microsoft");
        assertThat(bounces.get(0).get("count").asInt()).isEqualTo(toOutlook);
        assertThat(bounces.get(0).get("sample").asText()).contains("S3150");
        assertThat(f.get("backscatter").get(0).get("queued").asInt()).as("bounces to the forged senders are queued").isPositive();

        assertThat(f.get("compromisedAccounts").toString()).as("the root-cause sub-runbooks ran").contains("mallory@example.test");
        assertThat(f.get("rogueRelays").toString()).contains("127.0.0.20");
        assertThat(f.get("delisting").toString()).contains("Spamhaus (zen.test)").contains("sender.office.com");

        JsonNode steps = doc.get("hosts").get(0).get("steps");
        List<String> subRunbooks = new ArrayList<>();
        steps.forEach(s -> {
            if ("runbook".equals(s.get("kind").asText()) && s.has("steps")) subRunbooks.add(s.get("name").asText());
        });
        assertThat(subRunbooks).contains("compromised accounts", "rogue trusted IPs");
        assertThat(r.out()).contains("PLAN").contains("postsuper -h -")
                .as("the optional first and later actions are planned").contains("postconf -e 'defer_transports = smtp relay'")
                .contains("postconf -e 'smtp_destination_rate_delay = 2s'")
                .contains("Delete " + f.get("backscatter").get(0).get("queued").asInt() + " queued bounce(s) to forged senders");
        assertThat(FileHashes.tree(POSTFIX)).as("no file under /etc/postfix changed").isEqualTo(before);
        assertThat(backups()).isEqualTo(backupsBefore);
        assertThat(mail.queueIds()).as("the dry run removed no queued mail").containsAll(queueBefore);
    }

    @Test
    void realRunFixesTheCausesAndEndsPendingDelistingWhileStillListed() throws Exception {
        Set<String> mallorys = new HashSet<>();
        stageIncident(mallorys);
        Path report = tmp.resolve("real.json");
        Quench.Result r = run(inventory("[zen.test, clean.test]"), report, "--yes");
        JsonNode doc = JSON.readTree(report.toFile());
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(doc.get("status").asText()).as(r.toString()).isEqualTo("pending-delisting");
        JsonNode host = doc.get("hosts").get(0);
        assertThat(host.get("status").asText()).isEqualTo("pending-delisting");
        JsonNode pending = null;
        for (JsonNode s : host.get("steps")) if (s.get("name").asText().equals("off every list")) pending = s;
        assertThat(pending).isNotNull();
        assertThat(pending.get("status").asText()).isEqualTo("pending");
        assertThat(pending.get("message").asText()).contains("127.0.0.1 on zen.test (127.0.0.3)");
        assertThat(mail.queueIds()).as("mallory's queued spam is gone").doesNotContainAnyElementsOf(mallorys);
        assertThat(mail.run("postconf -h mynetworks").stdout()).as("the rogue IP no longer relays").contains("!127.0.0.20");
        assertThat(r.out()).contains("pending-delisting");
    }
}

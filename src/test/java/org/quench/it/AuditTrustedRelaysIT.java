package org.quench.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quench.lab.mail.Imap;
import org.quench.lab.mail.SmtpClient;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code quench audit trusted-relays} end to end: the packaged jar, over the real sshd, against the
 * real Postfix lab (mynetworks 127.0.0.1/32, 127.0.0.10/32, 127.0.0.16/29). Queue and relayed
 * volume come from real SMTP traffic; the email alert goes through the lab's Postfix into a real
 * Dovecot mailbox and is read back over IMAP; the webhook goes to an HTTP server in this test.
 */
class AuditTrustedRelaysIT extends MailLabRun {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path REPO = Path.of("").toAbsolutePath();
    static final String ALL_APPROVED = "[127.0.0.10/32, 127.0.0.16/29]";

    String known;
    HttpServer webhook;
    final List<String> posts = Collections.synchronizedList(new ArrayList<>());


    @BeforeEach
    void setUp() throws Exception {
        known = sshd.writeKnownHosts("127.0.0.60", "127.0.0.61").toString();
    }

    @AfterEach
    void stopWebhook() {
        if (webhook != null) webhook.stop(0);
    }

    private Path inventory(String approved, Map<String, String> vars, String... extraHosts) throws IOException {
        LabInventory inv = new LabInventory(sshd).host("mx1", "127.0.0.60").var("platform", "postfix").var("approved_relays", approved);
        vars.forEach(inv::var);
        for (int i = 0; i < extraHosts.length; i += 2) inv.host(extraHosts[i], extraHosts[i + 1]);
        // One file, rewritten: alert state is kept per inventory and pattern, as on a real schedule.
        return inv.write(Files.createDirectories(tmp.resolve("inventory")));
    }

    private Quench.Result audit(Path inventory, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("audit", "trusted-relays", "-i", inventory.toString(), "--known-hosts", known));
        args.addAll(List.of(extra));
        return quench.run(REPO, args.toArray(String[]::new));
    }

    private static Map<String, Element> junitCases(Path file) throws Exception {
        NodeList cases = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile())
                .getDocumentElement().getElementsByTagName("testcase");
        Map<String, Element> out = new LinkedHashMap<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element e = (Element) cases.item(i);
            out.put(e.getAttribute("classname") + "/" + e.getAttribute("name"), e);
        }
        return out;
    }

    @Test
    void anUnapprovedTrustedEntryIsNamedExit1AndFailsItsJUnitCase() throws Exception {
        Path json = tmp.resolve("r.json");
        Path junit = tmp.resolve("junit.xml");
        Quench.Result r = audit(inventory("[127.0.0.16/29]", Map.of()), "--json", json.toString(), "--junit", junit.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        JsonNode drift = JSON.readTree(json.toFile()).get("hosts").get(0).get("findings").get("relayDrift");
        assertThat(drift).hasSize(1);
        assertThat(drift.get(0).get("entry").asText()).isEqualTo("127.0.0.10/32");
        assertThat(drift.get(0).get("problem").asText()).isEqualTo("unapproved");
        assertThat(r.out()).contains("mx1   trusted-networks-approved  fail    127.0.0.10/32: trusted but not in approved_relays");

        Map<String, Element> cases = junitCases(junit);
        assertThat(cases).hasSize(5);
        Element failing = cases.get("audit-trusted-relays.mx1/trusted-networks-approved");
        assertThat(failing.getElementsByTagName("failure").getLength()).isEqualTo(1);
        assertThat(((Element) failing.getElementsByTagName("failure").item(0)).getAttribute("message")).contains("127.0.0.10/32");
        cases.forEach((name, e) -> {
            if (e != failing) assertThat(e.getChildNodes().getLength()).as(name).isZero();
        });

        // Recorded like any run: quench history lists the audit with its outcome.
        String history = quench.run(REPO, "history", "--runbook", "audit-trusted-relays").out();
        assertThat(history).as(history).contains("audit-trusted-relays").contains("findings");
        assertThat(quench.home.resolve("runs").toFile().list()).hasSize(1);
    }

    @Test
    void everyTrustedEntryApprovedIsCleanExit0() throws Exception {
        Path junit = tmp.resolve("junit.xml");
        Quench.Result r = audit(inventory(ALL_APPROVED, Map.of()), "--junit", junit.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(0);
        assertThat(r.out()).contains("All 5 check(s) on 1 host(s) passed.");
        Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile()).getDocumentElement();
        assertThat(suite.getAttribute("tests")).isEqualTo("5");
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
    }

    @Test
    void aQueueAboveTheDefaultThresholdAndATrustedIpRelayingTooMuchAreFindings() throws Exception {
        // The rogue machine inside the trusted /29 relays 205 unauthenticated messages to remote
        // domains (they stay deferred); a neighbour relays 2.
        try (SmtpClient c = mail.smtp(mail.rogueIp(), "rogue.test")) {
            for (int i = 0; i < 205; i++) {
                List<String> to = List.of("target" + i + "@remote" + (i % 7) + ".test");
                c.send("promo@rogue.test", to, SmtpClient.message("promo@rogue.test", to, "offer", "buy"));
            }
        }
        try (SmtpClient c = mail.smtp("127.0.0.17", "good.test")) {
            for (int i = 0; i < 2; i++) {
                List<String> to = List.of("partner" + i + "@remote1.test");
                c.send("app@good.test", to, SmtpClient.message("app@good.test", to, "report", "ok"));
            }
        }
        mail.awaitQueue("relayed mail queued", q -> q.size() >= 207, Duration.ofSeconds(60));
        Path json = tmp.resolve("r.json");
        Quench.Result r = audit(inventory(ALL_APPROVED, Map.of()), "-e", "relay_threshold=100", "--json", json.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        JsonNode f = JSON.readTree(json.toFile()).get("hosts").get(0).get("findings");
        assertThat(f.get("queue").get("total").asInt()).isGreaterThanOrEqualTo(207);
        assertThat(f.get("queue").get("threshold").asInt()).isEqualTo(200);
        assertThat(f.get("relayVolume")).hasSize(1);
        assertThat(f.get("relayVolume").get(0).get("ip").asText()).isEqualTo(mail.rogueIp());
        assertThat(f.get("relayVolume").get(0).get("messages").asInt()).isEqualTo(205);
        assertThat(f.get("relayVolume").get(0).get("insideCidr").asText()).isEqualTo("127.0.0.16/29");
        assertThat(f.get("relayDrift")).isEmpty();
        assertThat(r.out()).contains("queue-size").contains(mail.rogueIp() + " relayed 205 unauthenticated message(s)");
    }

    private static final Pattern RUN_ID = Pattern.compile("— run (\\S+),");

    private static String runId(Quench.Result r) {
        Matcher m = RUN_ID.matcher(r.out());
        assertThat(m.find()).as(r.toString()).isTrue();
        return m.group(1);
    }

    private List<String> alertMails(String runId) throws IOException {
        try (Imap imap = mail.imap("carol", "127.0.3.41")) {
            return imap.messagesWithHeader("X-Quench-Run", runId);
        }
    }

    private List<String> awaitAlertMails(String runId) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        List<String> found = alertMails(runId);
        while (found.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            found = alertMails(runId);
        }
        return found;
    }

    private Map<String, String> alertVars() throws IOException {
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hook", ex -> {
            posts.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    + "\n" + ex.getRequestHeaders().getFirst("Content-Type"));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        webhook.start();
        String alerts = "{email: {smtp_host: " + mail.smtpAddress() + ", smtp_port: " + mail.smtpPort()
                + ", from: quench-audit@" + mail.localDomain() + ", to: [" + mail.address("carol") + "]},"
                + " webhook: {url: \"http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook\"}}";
        return Map.of("alerts", alerts);
    }

    @Test
    void anAuthenticatedAlertGoesThroughTheSubmissionPortWithThePasswordFromTheEnvironment() throws Exception {
        // 587 refuses mail without AUTH: delivery into carol's mailbox proves the login was made.
        String alerts = "{email: {smtp_host: " + mail.smtpAddress() + ", smtp_port: " + mail.submissionPort()
                + ", from: " + mail.address("alice") + ", to: [" + mail.address("carol") + "],"
                + " username: " + mail.address("alice") + ", password_env: QUENCH_TEST_SMTP_PASSWORD}}";
        Path drifting = inventory("[127.0.0.16/29]", Map.of("alerts", alerts));

        Quench.Result unset = audit(drifting, "--notify", "email");
        assertThat(unset.exit()).as(unset.toString()).isEqualTo(3);
        assertThat(unset.err()).contains("$QUENCH_TEST_SMTP_PASSWORD (alerts.email.password_env) is not set");

        quench.env("QUENCH_TEST_SMTP_PASSWORD", "not-" + mail.password("alice"));
        Quench.Result wrong = audit(drifting, "--notify", "email");
        assertThat(wrong.exit()).as(wrong.toString()).isEqualTo(3);
        assertThat(wrong.err()).contains("notify email failed");

        quench.env("QUENCH_TEST_SMTP_PASSWORD", mail.password("alice"));
        Quench.Result sent = audit(drifting, "--notify", "email");
        assertThat(sent.exit()).as(sent.toString()).isEqualTo(1);
        assertThat(sent.out()).contains("notify email: sent to carol@example.test");
        assertThat(awaitAlertMails(runId(sent))).hasSize(1);
        // the password is in no file of the run records
        try (var files = Files.walk(quench.home)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain(mail.password("alice"));
            }
        }
    }

    @Test
    void alertsGoOutOnChangeOnlyByEmailIntoTheMailboxAndToTheWebhook() throws Exception {
        Map<String, String> vars = alertVars();
        Path drifting = inventory("[127.0.0.16/29]", vars);

        Quench.Result first = audit(drifting, "--notify", "email,webhook");
        assertThat(first.exit()).as(first.toString()).isEqualTo(1);
        assertThat(first.out()).contains("notify email: sent to carol@example.test").contains("notify webhook: posted");
        List<String> mails = awaitAlertMails(runId(first));
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0)).contains("Subject: quench audit-trusted-relays: 1 check(s) failing (1 new, 0 resolved)")
                .contains("+ mx1 trusted-networks-approved: 127.0.0.10/32: trusted but not in approved_relays")
                .contains("mx1   trusted-networks-approved  fail    127.0.0.10/32");
        assertThat(posts).hasSize(1);
        JsonNode hook = JSON.readTree(posts.get(0).substring(0, posts.get(0).lastIndexOf('\n')));
        assertThat(posts.get(0)).endsWith("application/json; charset=utf-8");
        assertThat(hook.get("text").asText()).contains("127.0.0.10/32").contains("trusted-networks-approved");
        assertThat(hook.get("new").get(0).asText()).contains("127.0.0.10/32");
        assertThat(hook.get("exitCode").asInt()).isEqualTo(1);
        assertThat(hook.get("checks")).hasSize(5);

        // Nothing changed: neither channel sends again.
        Quench.Result second = audit(drifting, "--notify", "email,webhook");
        assertThat(second.exit()).as(second.toString()).isEqualTo(1);
        assertThat(second.out()).contains("notify email: nothing changed since the last alert, not sent")
                .contains("notify webhook: nothing changed since the last alert, not sent");
        Thread.sleep(2000); // what Postfix would need to deliver a mail that was sent after all
        assertThat(alertMails(runId(second))).isEmpty();
        assertThat(alertMails(runId(first))).hasSize(1);
        assertThat(posts).hasSize(1);

        // `always` overrides: the webhook is posted although nothing changed.
        Quench.Result forced = audit(drifting, "--notify", "webhook,always");
        assertThat(forced.exit()).as(forced.toString()).isEqualTo(1);
        assertThat(posts).hasSize(2);

        // The entry gets approved: the resolved finding is an alert too.
        Quench.Result fixed = audit(inventory(ALL_APPROVED, vars), "--notify", "webhook");
        assertThat(fixed.exit()).as(fixed.toString()).isEqualTo(0);
        assertThat(posts).hasSize(3);
        JsonNode resolved = JSON.readTree(posts.get(2).substring(0, posts.get(2).lastIndexOf('\n')));
        assertThat(resolved.get("resolved").get(0).asText()).contains("127.0.0.10/32");
        assertThat(resolved.get("text").asText()).contains("all clear");
    }

    @Test
    void aHostThatCannotBeAuditedExits3AndAFailedAlertDoesNotHideTheResult() throws Exception {
        // mx2's host key is unknown: it fails closed; its checks are errors naming why.
        known = sshd.writeKnownHosts("127.0.0.60").toString();
        Map<String, String> vars = Map.of("alerts", "{webhook: {url: \"http://127.0.0.1:9/hook\"}}");
        Path junit = tmp.resolve("junit.xml");
        Quench.Result r = audit(inventory(ALL_APPROVED, vars, "mx2", "127.0.0.61"), "--junit", junit.toString(), "--notify");
        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.out()).contains("mx2   trusted-networks-approved  error   mx2: connect:");
        assertThat(r.err()).contains("quench: notify webhook failed:").contains("the audit result above stands");
        Map<String, Element> cases = junitCases(junit);
        assertThat(cases.get("audit-trusted-relays.mx2/queue-size").getElementsByTagName("error").getLength()).isEqualTo(1);
        assertThat(cases.get("audit-trusted-relays.mx1/queue-size").getChildNodes().getLength()).isZero();
    }
}

package org.quench.mail.queue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quench.lab.mail.MailLab;
import org.quench.lab.mail.SmtpClient;
import org.quench.transport.Transport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue library against the real lab: a compromised account (mallory) sends with forged and
 * own envelope senders while others send legitimately, some of it to mallory and some in her name
 * through a trusted relay. Selection by SASL identity must find exactly mallory's submissions.
 */
class QueueOnLabTest {
    private static final Duration T = Duration.ofSeconds(60);
    private static final Path CANARY = Path.of("/tmp/quench-queue-canary");
    private static MailLab lab;
    private Transport transport;
    private MailQueue queue;

    @BeforeAll
    static void up() {
        lab = MailLab.get();
    }

    @BeforeEach
    void clean() throws Exception {
        lab.reset();
        Files.deleteIfExists(CANARY);
        transport = lab.transport();
        queue = new MailQueue(transport, T, ZoneId.systemDefault());
    }

    private static String send(SmtpClient c, String envelopeFrom, String headerFrom, String... to) throws Exception {
        List<String> rcpts = List.of(to);
        return c.send(envelopeFrom, rcpts, SmtpClient.message(headerFrom, rcpts, "offer", "cheap pills"));
    }

    @Test
    void selectsExactlyTheAccountsMailHoldsAndDeletesOnlyThat() throws Exception {
        Set<String> mallory = new HashSet<>();
        Set<String> others = new HashSet<>();
        Set<String> viaRelay = new HashSet<>();
        List<String> forgedSenders = List.of("ceo@bank.test", "alice@example.test", "", "noreply@paypal.test",
                "\"$(touch " + CANARY + ")\"@evil.test");
        try (SmtpClient spam = lab.authenticated("mallory", "127.0.1.66")) {
            for (int i = 0; i < 25; i++) {
                String from = forgedSenders.get(i % forgedSenders.size());
                mallory.add(send(spam, from, "Support <support@bank.test>", "victim" + i + "@example.net", "v" + i + "@example.org"));
            }
            for (int i = 0; i < 10; i++) {
                mallory.add(send(spam, "mallory@example.test", "mallory@example.test", "target" + i + "@example.com"));
            }
        }
        // Same account from another botnet address, logging in with LOGIN and an upper-case domain.
        try (SmtpClient spam2 = lab.submission("127.0.1.67", "[127.0.1.67]")) {
            spam2.authLogin("mallory@EXAMPLE.TEST", lab.password("mallory"));
            for (int i = 0; i < 5; i++) {
                mallory.add(send(spam2, "billing@shop.test", "billing@shop.test", "buyer" + i + "@example.net"));
            }
        }
        try (SmtpClient alice = lab.authenticated("alice", "127.0.1.11")) {
            for (int i = 0; i < 10; i++) {
                others.add(send(alice, "alice@example.test", "alice@example.test", "partner" + i + "@example.net"));
            }
        }
        try (SmtpClient bob = lab.authenticated("bob", "127.0.1.12")) {
            for (int i = 0; i < 5; i++) {
                others.add(send(bob, "bob@example.test", "bob@example.test", "mallory@example.net"));
                // to mallory's mailbox and a remote: stays queued for the remote, mentions mallory
                others.add(send(bob, "bob@example.test", "bob@example.test", "mallory@example.test", "boss" + i + "@example.net"));
            }
        }
        try (SmtpClient relay = lab.smtp(lab.trustedRelay(), "app.corp.test")) {
            for (int i = 0; i < 5; i++) {
                // a web application sending in mallory's name, unauthenticated, from a trusted relay
                viaRelay.add(send(relay, "mallory@example.test", "mallory@example.test", "customer" + i + "@example.net"));
            }
        }
        others.addAll(viaRelay);
        int total = mallory.size() + others.size();
        // Every submission was queued, plus a bounce now and then is not expected: no 5xx routes used.
        List<QueuedMessage> listed = lab.awaitSettled(total, T);
        assertThat(listed).hasSize(total);

        EnvelopeBatch batch = new EnvelopeReader(transport, T, 7).read(listed.stream().map(QueuedMessage::queueId).toList());
        assertThat(batch.missing()).isEmpty();
        assertThat(batch.envelopes()).hasSize(total);

        List<String> selected = QueueSelection.bySaslIdentity("mallory@example.test").select(batch.envelopes().values());
        assertThat(selected).containsExactlyInAnyOrderElementsOf(mallory);
        assertThat(QueueSelection.byClientAddress(lab.trustedRelay()).select(batch.envelopes().values()))
                .containsExactlyInAnyOrderElementsOf(viaRelay);

        // What the knowledge-base one-liner (sender or recipient mentions the user) would have taken:
        Set<String> bySender = listed.stream().filter(m -> m.sender().equals("mallory@example.test")
                        || m.recipients().stream().anyMatch(r -> r.address().startsWith("mallory@")))
                .map(QueuedMessage::queueId).collect(Collectors.toSet());
        Set<String> missed = new HashSet<>(mallory);
        missed.removeAll(bySender);
        assertThat(missed).as("forged senders escape sender-based selection").hasSize(30);
        assertThat(bySender).as("sender-based selection takes others' mail").containsAnyElementsOf(others);

        QueueActions actions = new QueueActions(transport, queue, T);
        QueueChange held = actions.hold(selected);
        assertThat(held.changed()).containsExactlyInAnyOrderElementsOf(mallory);
        assertThat(held.complete()).isTrue();
        assertThat(held.postsuperOutput()).contains("Placed on hold: " + mallory.size() + " message");
        List<QueuedMessage> afterHold = queue.list();
        assertThat(afterHold).hasSize(total);
        assertThat(afterHold).filteredOn(QueuedMessage::held).extracting(QueuedMessage::queueId)
                .containsExactlyInAnyOrderElementsOf(mallory);

        QueueChange again = actions.hold(selected);
        assertThat(again.changed()).isEmpty();
        assertThat(again.already()).containsExactlyInAnyOrderElementsOf(mallory);

        QueueChange deleted = actions.delete(selected);
        assertThat(deleted.changed()).containsExactlyInAnyOrderElementsOf(mallory);
        assertThat(deleted.complete()).isTrue();
        assertThat(queue.list()).extracting(QueuedMessage::queueId).containsExactlyInAnyOrderElementsOf(others)
                .allSatisfy(id -> assertThat(id).isNotIn(mallory));
        assertThat(CANARY).doesNotExist();
    }

    @Test
    void vanishedUnknownAndHostileIdsAreReportedNotPassedOn() throws Exception {
        List<String> ids = new ArrayList<>();
        try (SmtpClient c = lab.authenticated("carol", "127.0.1.14")) {
            for (int i = 0; i < 4; i++) ids.add(send(c, "carol@example.test", "carol@example.test", "x" + i + "@example.net"));
        }
        lab.awaitSettled(4, T);
        String vanished = ids.get(1);
        assertThat(lab.run("echo " + vanished + " | postsuper -d -").ok()).isTrue();
        String unknown = "ABCDEF98765";
        String hostile = "$(touch " + CANARY + ")";

        EnvelopeBatch batch = new EnvelopeReader(transport, T, 2)
                .read(List.of(ids.get(0), vanished, unknown, ids.get(2), hostile, ids.get(3)));
        assertThat(batch.envelopes().keySet()).containsExactlyInAnyOrder(ids.get(0), ids.get(2), ids.get(3));
        assertThat(batch.missing()).containsExactlyInAnyOrder(vanished, unknown);
        assertThat(batch.invalid()).containsExactly(hostile);
        assertThat(batch.envelopes().get(ids.get(0)).saslUsername()).isEqualTo("carol@example.test");
        assertThat(batch.envelopes().get(ids.get(0)).clientAddress()).isEqualTo("127.0.1.14");
        assertThat(batch.envelopes().get(ids.get(0)).heloName()).isEqualTo("client.test");

        QueueActions actions = new QueueActions(transport, queue, T);
        QueueChange held = actions.hold(List.of(ids.get(0), unknown, "ALL", hostile));
        assertThat(held.changed()).containsExactly(ids.get(0));
        assertThat(held.unchanged()).containsExactly(unknown);
        assertThat(held.invalid()).containsExactlyInAnyOrder("ALL", hostile);
        assertThat(held.complete()).isFalse();
        // "ALL" never reached postsuper: the other messages are not held
        assertThat(queue.list()).filteredOn(QueuedMessage::held).extracting(QueuedMessage::queueId).containsExactly(ids.get(0));

        QueueChange released = actions.release(List.of(ids.get(0), ids.get(2)));
        assertThat(released.changed()).containsExactly(ids.get(0));
        assertThat(released.already()).containsExactly(ids.get(2));
        assertThat(queue.list()).noneMatch(QueuedMessage::held).extracting(QueuedMessage::queueName).containsOnly("deferred");

        QueueChange deleted = actions.delete(List.of(ids.get(2), vanished));
        assertThat(deleted.changed()).containsExactly(ids.get(2));
        assertThat(deleted.already()).containsExactly(vanished);
        assertThat(lab.queueIds()).containsExactlyInAnyOrder(ids.get(0), ids.get(3));
        assertThat(CANARY).doesNotExist();
    }

    @Test
    void textListingAgreesWithJson() throws Exception {
        try (SmtpClient c = lab.authenticated("alice", "127.0.1.11")) {
            send(c, "", "alice@example.test", "a@example.net");
            send(c, "alice@example.test", "alice@example.test", "b@example.net", "c@example.org");
        }
        List<QueuedMessage> json = lab.awaitSettled(2, T);
        new QueueActions(transport, queue, T).hold(List.of(json.get(0).queueId()));
        json = queue.list();
        String text = lab.run("postqueue -p").stdout();
        List<QueuedMessage> parsed = new PostqueueTextParser(java.time.Clock.systemDefaultZone()).parse(text);
        assertThat(parsed).hasSize(2);
        for (QueuedMessage j : json) {
            QueuedMessage p = parsed.stream().filter(m -> m.queueId().equals(j.queueId())).findFirst().orElseThrow();
            assertThat(p.sender()).isEqualTo(j.sender());
            assertThat(p.size()).isEqualTo(j.size());
            assertThat(p.arrivalTime()).isEqualTo(j.arrivalTime());
            assertThat(p.held()).isEqualTo(j.held());
            assertThat(p.recipients()).isEqualTo(j.recipients());
        }
    }
}

package org.quench.mail.queue;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Samples from reference/mail-platforms.md §1.2 (Postfix 3.7.11 in the lab) and variations. */
class PostqueueJsonParserTest {
    private final PostqueueJsonParser parser = new PostqueueJsonParser();

    @Test
    void labSample() {
        List<QueuedMessage> q = parser.parse("""
                {"queue_name": "deferred", "queue_id": "7FC2920C259", "arrival_time": 1795414251, "message_size": 405, "forced_expire": false, "sender": "alice@example.test", "recipients": [{"address": "victim1@example.net", "delay_reason": "connect to 127.0.0.1[127.0.0.1]:9: Connection refused"}, {"address": "victim2@example.org", "delay_reason": "connect to 127.0.0.1[127.0.0.1]:9: Connection refused"}]}
                """);
        assertThat(q).containsExactly(new QueuedMessage("deferred", "7FC2920C259", Instant.ofEpochSecond(1795414251L), 405,
                "alice@example.test", List.of(
                new QueuedRecipient("victim1@example.net", "connect to 127.0.0.1[127.0.0.1]:9: Connection refused"),
                new QueuedRecipient("victim2@example.org", "connect to 127.0.0.1[127.0.0.1]:9: Connection refused")), false));
    }

    @Test
    void nullSenderIsMailerDaemonAndHeldMessagesAreHeld() {
        List<QueuedMessage> q = parser.parse("""
                {"queue_name": "hold", "queue_id": "CD29516612B", "arrival_time": 1795421827, "message_size": 2921, "forced_expire": false, "sender": "MAILER-DAEMON", "recipients": [{"address": "forged@other.test"}]}
                """);
        assertThat(q.get(0).sender()).isEqualTo("MAILER-DAEMON");
        assertThat(q.get(0).held()).isTrue();
        assertThat(q.get(0).recipients().get(0).delayReason()).isNull();
    }

    @Test
    void unknownMembersIgnoredOptionalMembersMayBeMissing() {
        // 3.11 adds orig_address and bounce_reason; 3.1-3.4 have no forced_expire
        List<QueuedMessage> q = parser.parse("""
                {"queue_name": "active", "queue_id": "4bXyZ1kQ2Vz8abc", "sender": "a@b.test", "new_member": {"x": [1]}, "recipients": [{"address": "c@d.test", "orig_address": "C@d.test", "bounce_reason": "x"}]}

                {"queue_id": "ABCDEF123"}
                """);
        assertThat(q).hasSize(2);
        assertThat(q.get(0).queueId()).isEqualTo("4bXyZ1kQ2Vz8abc");
        assertThat(q.get(0).arrivalTime()).isNull();
        assertThat(q.get(0).size()).isEqualTo(-1);
        assertThat(q.get(0).forcedExpire()).isFalse();
        assertThat(q.get(1).recipients()).isEmpty();
        assertThat(q.get(1).queueName()).isEqualTo(QueuedMessage.QUEUED);
    }

    @Test
    void emptyQueueIsEmptyOutput() {
        assertThat(parser.parse("")).isEmpty();
    }

    @Test
    void brokenLineIsReportedWithItsNumber() {
        assertThatThrownBy(() -> parser.parse("{\"queue_id\": \"ABCDEF123\"}\n{\"queue_id\": ")).isInstanceOf(QueueOutputException.class)
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> parser.parse("{\"sender\": \"x\"}")).hasMessageContaining("no queue_id");
    }
}

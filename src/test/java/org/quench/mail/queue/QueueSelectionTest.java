package org.quench.mail.queue;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueueSelectionTest {
    private static Envelope envelope(String id, String sasl, String client, String sender) {
        Map<String, String> attrs = new java.util.HashMap<>();
        if (sasl != null) attrs.put("sasl_username", sasl);
        if (client != null) attrs.put("client_address", client);
        return new Envelope(id, "deferred", attrs, sender, List.of("x@remote.test"));
    }

    @Test
    void saslIdentityExactLocalPartCaseInsensitiveDomain() {
        List<Envelope> queue = List.of(
                envelope("AAAAAA0001", "mallory@example.test", "127.0.1.7", "forged@other.test"),
                envelope("AAAAAA0002", "mallory@EXAMPLE.test", "127.0.1.7", "mallory@example.test"),
                envelope("AAAAAA0003", "Mallory@example.test", "127.0.1.7", "x@y.test"),
                envelope("AAAAAA0004", "mallory@example.test.evil", "127.0.1.7", "x@y.test"),
                envelope("AAAAAA0005", null, "127.0.0.10", "mallory@example.test"),
                envelope("AAAAAA0006", "bob@example.test", "127.0.1.8", "mallory@example.test"),
                envelope("AAAAAA0007", "mallory", "127.0.1.7", "x@y.test"));
        assertThat(QueueSelection.bySaslIdentity("mallory@Example.Test").select(queue))
                .containsExactly("AAAAAA0001", "AAAAAA0002");
        assertThat(QueueSelection.bySaslIdentity("mallory").select(queue)).containsExactly("AAAAAA0007");
    }

    @Test
    void clientAddressComparesAddressesNotText() {
        List<Envelope> queue = List.of(
                envelope("AAAAAA0001", null, "127.0.0.20", "a@b.test"),
                envelope("AAAAAA0002", null, "127.0.0.2", "a@b.test"),
                envelope("AAAAAA0003", null, "2001:db8:0:0::1", "a@b.test"),
                envelope("AAAAAA0004", null, null, "a@b.test"),
                envelope("AAAAAA0005", null, "not-an-ip.example", "a@b.test"));
        assertThat(QueueSelection.byClientAddress("127.0.0.20").select(queue)).containsExactly("AAAAAA0001");
        assertThat(QueueSelection.byClientAddress("2001:DB8::1").select(queue)).containsExactly("AAAAAA0003");
        assertThatThrownBy(() -> QueueSelection.byClientAddress("mx.example.com")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void queueIdValidation() {
        assertThat(QueueId.isValid("9525120C24D")).isTrue();
        assertThat(QueueId.isValid("4bXyZ1kQ2Vz8abc")).isTrue();
        assertThat(QueueId.isValid("9525120C24D!")).isFalse();
        assertThat(QueueId.isValid("ALL")).isFalse();
        assertThat(QueueId.isValid("$(reboot)")).isFalse();
        assertThat(QueueId.isValid("ABCDEF1234\nALL")).isFalse();
        assertThat(QueueId.stripStatus("9525120C24D!#")).isEqualTo("9525120C24D");
    }
}

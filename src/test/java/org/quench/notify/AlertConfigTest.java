package org.quench.notify;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertConfigTest {
    @Test
    void readsEmailAndWebhook() {
        AlertConfig c = AlertConfig.from(Map.of(
                "email", Map.of("smtp_host", "127.0.0.1", "smtp_port", 2525, "from", "q@example.test", "to", "a@example.test, b@example.test"),
                "webhook", Map.of("url", "http://127.0.0.1:8080/hook")));
        assertThat(c.email()).isEqualTo(new AlertConfig.Email("127.0.0.1", 2525, "q@example.test", List.of("a@example.test", "b@example.test")));
        assertThat(c.webhook().url().getPort()).isEqualTo(8080);
    }

    @Test
    void refusesWhatWouldSilentlyNotDeliver() {
        assertThatThrownBy(() -> AlertConfig.from(Map.of("emial", Map.of()))).hasMessageContaining("unknown key `emial`");
        assertThatThrownBy(() -> AlertConfig.from(Map.of("email", Map.of("smtp_host", "h", "from", "f@x.test"))))
                .hasMessage("alerts.email.to: no recipient");
        assertThatThrownBy(() -> AlertConfig.from(Map.of("email", Map.of("from", "f@x.test", "to", "t@x.test"))))
                .hasMessage("alerts.email.smtp_host is missing");
        assertThatThrownBy(() -> AlertConfig.from(Map.of("webhook", Map.of("url", "file:///etc/passwd"))))
                .hasMessageContaining("must be an http(s) URL");
    }
}

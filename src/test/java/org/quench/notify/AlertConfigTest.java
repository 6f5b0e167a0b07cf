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

    @Test
    void authenticationNeedsTlsAndAPasswordFromTheEnvironment() {
        Map<String, Object> base = Map.of("smtp_host", "smtp.example.com", "from", "q@example.com", "to", "o@example.com");
        AlertConfig.Email starttls = AlertConfig.from(Map.of("email", with(base, "tls", "starttls", "username", "quench",
                "password_env", "QUENCH_SMTP_PASSWORD"))).email();
        assertThat(starttls.tls()).isEqualTo(AlertConfig.Tls.STARTTLS);
        assertThat(starttls.smtpPort()).isEqualTo(25);
        assertThat(starttls.authenticates()).isTrue();
        assertThat(AlertConfig.from(Map.of("email", with(base, "tls", "smtps"))).email().smtpPort()).isEqualTo(465);

        assertThatThrownBy(() -> AlertConfig.from(Map.of("email", with(base, "username", "quench", "password_env", "P"))))
                .hasMessageContaining("would send the password in clear to smtp.example.com");
        assertThatThrownBy(() -> AlertConfig.from(Map.of("email", with(base, "tls", "starttls", "username", "quench"))))
                .hasMessageContaining("username and password_env go together");
        assertThatThrownBy(() -> AlertConfig.from(Map.of("email", with(base, "tls", "starttls", "username", "q", "password_env", "$(id)"))))
                .hasMessageContaining("must name an environment variable");
        assertThatThrownBy(() -> AlertConfig.from(Map.of("email", with(base, "password", "hunter2"))))
                .hasMessageContaining("unknown key `password`").hasMessageContaining("password_env");
        assertThatThrownBy(() -> AlertConfig.from(Map.of("email", with(base, "tls", "maybe"))))
                .hasMessageContaining("none, starttls or smtps");
        // a loopback relay: the password never leaves the machine
        AlertConfig.Email local = AlertConfig.from(Map.of("email", Map.of("smtp_host", "127.0.0.1", "smtp_port", 587, "from", "q@x.test",
                "to", "o@x.test", "username", "quench", "password_env", "P"))).email();
        assertThat(local.tls()).isEqualTo(AlertConfig.Tls.NONE);
        // a name is not trusted to be local
        assertThatThrownBy(() -> AlertConfig.from(Map.of("email", Map.of("smtp_host", "127.0.0.1.evil.test", "from", "q@x.test",
                "to", "o@x.test", "username", "quench", "password_env", "P")))).hasMessageContaining("in clear");
    }

    @Test
    void sessionPropertiesRequireStarttlsAndCheckTheCertificate() throws Exception {
        AlertConfig.Email e = new AlertConfig.Email("smtp.example.com", 587, "q@x.test", List.of("o@x.test"),
                AlertConfig.Tls.STARTTLS, "quench", "P");
        java.util.Properties p = EmailAlert.properties(e, java.time.Duration.ofSeconds(5));
        assertThat(p).containsEntry("mail.smtp.starttls.required", "true").containsEntry("mail.smtp.auth", "true")
                .containsEntry("mail.smtp.ssl.checkserveridentity", "true").containsEntry("mail.smtp.port", "587");
        java.util.Properties smtps = EmailAlert.properties(new AlertConfig.Email("smtp.example.com", 465, "q@x.test",
                List.of("o@x.test"), AlertConfig.Tls.SMTPS, null, null), java.time.Duration.ofSeconds(5));
        assertThat(smtps).containsEntry("mail.transport.protocol", "smtps").containsEntry("mail.smtps.host", "smtp.example.com")
                .doesNotContainKey("mail.smtps.auth");
        assertThat(EmailAlert.password("P", Map.of("P", "s3cret"))).isEqualTo("s3cret");
        assertThatThrownBy(() -> EmailAlert.password("P", Map.of())).hasMessageContaining("$P (alerts.email.password_env) is not set");
    }

    private static Map<String, Object> with(Map<String, Object> base, Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(base);
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}

package org.quench.mail.detect;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StepArgumentsTest {

    private static StepArguments with(Map<String, Object> args) {
        return new StepArguments("mail.step", args);
    }

    @Test
    void logFilesFromAListOrATemplatedString() {
        assertThat(with(Map.of("log_files", List.of("/var/log/mail.log", "/var/log/mail.log.1"))).logSource())
                .isEqualTo(new LogSource(false, List.of("/var/log/mail.log", "/var/log/mail.log.1")));
        LogSource rendered = with(Map.of("log_files", "[/var/log/mail.log, /var/log/mail.log.1.gz]", "log_source", "files")).logSource();
        assertThat(rendered.files()).containsExactly("/var/log/mail.log", "/var/log/mail.log.1.gz");
        assertThat(rendered.describe()).isEqualTo("2 log file(s)");
    }

    @Test
    void theJournalNeedsNoFiles() {
        LogSource journal = with(Map.of("log_source", "Journal")).logSource();
        assertThat(journal.journal()).isTrue();
        assertThat(journal.describe()).isEqualTo("journalctl");
    }

    @Test
    void noLogOrAnUnknownSourceIsRefusedNamingTheStep() {
        assertThatThrownBy(() -> with(Map.of("log_files", "")).logSource())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("mail.step: no log to read: pass `log_files`");
        assertThatThrownBy(() -> with(Map.of("log_source", "syslog", "log_files", List.of("/var/log/mail.log"))).logSource())
                .hasMessage("mail.step: `log_source` is files or journal, got \"syslog\"");
    }

    @Test
    void utcOffsetIsAFixedOffsetOrTheLocalZone() {
        assertThat(with(Map.of("utc_offset", "+0100")).utcOffset("utc_offset")).isEqualTo(ZoneOffset.ofHours(1));
        assertThat(with(Map.of("utc_offset", "-05:00")).utcOffset("utc_offset")).isEqualTo(ZoneOffset.ofHours(-5));
        assertThat(with(Map.of("utc_offset", "")).utcOffset("utc_offset")).isEqualTo(ZoneId.systemDefault());
        assertThatThrownBy(() -> with(Map.of("utc_offset", "CET")).utcOffset("utc_offset"))
                .hasMessage("mail.step: `utc_offset` must look like +0100 or -05:00, got \"CET\"");
    }
}

package org.quench.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryConfigTest {
    @TempDir Path tmp;

    private Path file(String text) throws Exception {
        Path f = tmp.resolve("config.yml");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void readsLimits() throws Exception {
        assertThat(HistoryConfig.load(file("history:\n  max_count: 500\n  max_age: 90d\n")))
                .isEqualTo(new RetentionPolicy(500, Duration.ofDays(90)));
        assertThat(HistoryConfig.load(file("history:\n  max_age: 12h\n"))).isEqualTo(new RetentionPolicy(null, Duration.ofHours(12)));
    }

    @Test
    void nothingConfiguredKeepsEverything() throws Exception {
        assertThat(HistoryConfig.load(tmp.resolve("missing.yml")).keepsAll()).isTrue();
        assertThat(HistoryConfig.load(file("")).keepsAll()).isTrue();
        assertThat(HistoryConfig.load(file("other: 1\n")).keepsAll()).isTrue();
    }

    @Test
    void mistakesHaveFileLineCol() throws Exception {
        Path f = file("history:\n  max_count: -3\n  max_age: 30\n  maxcount: 5\n");
        assertThatThrownBy(() -> HistoryConfig.load(f))
                .hasMessageContaining(f + ":2:14: max_count: expected a whole number of at least 1")
                .hasMessageContaining(f + ":3:12: max_age: \"30\" has no unit")
                .hasMessageContaining(f + ":4:3: history: unknown setting 'maxcount'");
        assertThatThrownBy(() -> HistoryConfig.load(file("history: 5\n"))).hasMessageContaining(":1:10: history: expected a mapping");
    }
}

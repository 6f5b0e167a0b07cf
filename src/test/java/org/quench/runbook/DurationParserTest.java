package org.quench.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DurationParserTest {
    @Test
    void parsesEveryUnitAndCombinations() {
        assertThat(DurationParser.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationParser.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationParser.parse("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(DurationParser.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(DurationParser.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(DurationParser.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationParser.parse(" 0s ")).isEqualTo(Duration.ZERO);
    }

    @Test
    void refusesWhatItCannotReadUnambiguously() {
        assertThatThrownBy(() -> DurationParser.parse("30")).hasMessageContaining("has no unit");
        assertThatThrownBy(() -> DurationParser.parse("5 parsecs")).hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> DurationParser.parse("2H")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DurationParser.parse("-1s")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DurationParser.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DurationParser.parse("99999999999999999999d")).hasMessageContaining("too long");
    }

    @Test
    void formatReadsBack() {
        for (String text : new String[]{"500ms", "30s", "15m", "2h", "1d", "1h30m", "0s", "1d2h3m4s5ms"}) {
            assertThat(DurationParser.format(DurationParser.parse(text))).isEqualTo(text);
        }
    }
}

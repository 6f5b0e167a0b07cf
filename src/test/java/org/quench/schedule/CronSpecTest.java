package org.quench.schedule;

import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CronSpecTest {
    private static final ZonedDateTime T = ZonedDateTime.of(2026, 11, 23, 10, 7, 30, 0, ZoneOffset.UTC);

    @Test
    void unixFiveFields() {
        CronSpec every15 = CronSpec.parse("*/15 * * * *");
        assertThat(every15.next(T)).contains(T.withMinute(15).withSecond(0));
        assertThat(CronSpec.parse("0 3 * * 1-5").next(T)).contains(ZonedDateTime.of(2026, 11, 24, 3, 0, 0, 0, ZoneOffset.UTC));
    }

    @Test
    void sixFieldsHaveSecondsFirst() {
        CronSpec every2s = CronSpec.parse("*/2 * * * * *");
        assertThat(every2s.next(T)).contains(T.withSecond(32));
        assertThat(every2s.next(T.withSecond(32))).contains(T.withSecond(34));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> CronSpec.parse("61 * * * *")).hasMessageContaining("invalid cron expression");
        assertThatThrownBy(() -> CronSpec.parse("every minute")).hasMessageContaining("expected 5 fields");
        assertThatThrownBy(() -> CronSpec.parse("")).hasMessageContaining("got 0");
    }
}

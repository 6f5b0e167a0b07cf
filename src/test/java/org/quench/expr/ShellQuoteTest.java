package org.quench.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShellQuoteTest {
    @Test
    void wrapsInSingleQuotes() {
        assertThat(ShellQuote.quote("bob@example.com")).isEqualTo("'bob@example.com'");
        assertThat(ShellQuote.quote("")).isEqualTo("''");
        assertThat(ShellQuote.quote("$(reboot)")).isEqualTo("'$(reboot)'");
    }

    @Test
    void writesSingleQuotesAsCloseEscapeReopen() {
        assertThat(ShellQuote.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(ShellQuote.quote("'")).isEqualTo("''\\'''");
    }

    @Test
    void refusesNulInsteadOfTruncating() {
        assertThatThrownBy(() -> ShellQuote.quote("a\0b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NUL");
    }
}

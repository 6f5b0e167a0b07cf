package org.quench.schedule;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandWordsTest {
    @Test
    void splitsLikeAShellWithoutExpanding() {
        assertThat(CommandWords.split("audit trusted-relays  -l 'mx*'")).containsExactly("audit", "trusted-relays", "-l", "mx*");
        assertThat(CommandWords.split("run x -e \"a=b c\" -e d=\\$(reboot)")).containsExactly("run", "x", "-e", "a=b c", "-e", "d=$(reboot)");
        assertThat(CommandWords.split("-e 'it'\\''s'")).containsExactly("-e", "it's");
        assertThat(CommandWords.split("-e \"say \\\"hi\\\" \\n\"")).containsExactly("-e", "say \"hi\" \\n");
        assertThat(CommandWords.split("a '' b")).containsExactly("a", "", "b");
        assertThat(CommandWords.split("  ")).isEmpty();
        // $(...) stays text: the words never reach a shell.
        assertThat(CommandWords.split("run $(reboot)")).containsExactly("run", "$(reboot)");
    }

    @Test
    void refusesUnterminatedQuotes() {
        assertThatThrownBy(() -> CommandWords.split("a 'b")).hasMessageContaining("unterminated ' quote at column 3");
        assertThatThrownBy(() -> CommandWords.split("a \"b")).hasMessageContaining("unterminated \" quote");
        assertThatThrownBy(() -> CommandWords.split("a \\")).hasMessageContaining("trailing backslash");
    }
}

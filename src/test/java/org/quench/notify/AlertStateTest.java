package org.quench.notify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AlertStateTest {
    @TempDir
    Path home;

    @Test
    void stateIsKeptPerChannelAndPerSelection() throws Exception {
        AlertState all = new AlertState(home, "audit-trusted-relays", "/inv/hosts.yml", "all");
        AlertState mx1 = new AlertState(home, "audit-trusted-relays", "/inv/hosts.yml", "mx1");
        assertThat(all.load("email")).isEmpty();
        all.save("email", Map.of("mx1|queue-size", Set.of("above threshold")));
        assertThat(all.load("email")).containsExactly(Map.entry("mx1|queue-size", Set.of("above threshold")));
        assertThat(all.load("webhook")).isEmpty();
        assertThat(mx1.load("email")).isEmpty();
        // a fresh object for the same selection reads what the last run saved
        assertThat(new AlertState(home, "audit-trusted-relays", "/inv/hosts.yml", "all").load("email")).hasSize(1);
    }
}

package org.quench.notify;

import org.junit.jupiter.api.Test;
import org.quench.audit.AuditCheck;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ChangesTest {
    private static AuditCheck check(String host, String check, String... keyText) {
        List<AuditCheck.Item> items = new java.util.ArrayList<>();
        for (int i = 0; i < keyText.length; i += 2) items.add(new AuditCheck.Item(keyText[i], keyText[i + 1]));
        return new AuditCheck(host, check, items.isEmpty() ? AuditCheck.PASS : AuditCheck.FAIL, items);
    }

    @Test
    void withoutPreviousStateEveryFindingIsNewAndACleanRunIsNoChange() {
        Changes c = Changes.between(Map.of(), List.of(check("mx1", "queue-size", "above threshold", "250 queued")));
        assertThat(c.appeared()).containsExactly("mx1 queue-size: 250 queued");
        assertThat(c.resolved()).isEmpty();
        assertThat(Changes.between(Map.of(), List.of(check("mx1", "queue-size"))).any()).isFalse();
    }

    @Test
    void theSameFindingWithOtherNumbersIsNoChange() {
        Map<String, Set<String>> before = Changes.state(List.of(check("mx1", "queue-size", "above threshold", "250 queued")));
        Changes c = Changes.between(before, List.of(check("mx1", "queue-size", "above threshold", "260 queued")));
        assertThat(c.any()).isFalse();
    }

    @Test
    void aNewEntryAndAResolvedOneAreBothChanges() {
        Map<String, Set<String>> before = Changes.state(List.of(
                check("mx1", "trusted-networks-approved", "unapproved 10.9.9.9/32", "10.9.9.9/32: not approved")));
        Changes c = Changes.between(before, List.of(
                check("mx1", "trusted-networks-approved", "unapproved 10.8.8.8/32", "10.8.8.8/32: not approved")));
        assertThat(c.appeared()).containsExactly("mx1 trusted-networks-approved: 10.8.8.8/32: not approved");
        assertThat(c.resolved()).containsExactly("mx1 trusted-networks-approved: unapproved 10.9.9.9/32");
    }

    @Test
    void theSameKeyOnAnotherHostIsANewFinding() {
        Map<String, Set<String>> before = Changes.state(List.of(check("mx1", "open-relay", "open-relay 0.0.0.0/0", "x")));
        Changes c = Changes.between(before, List.of(check("mx1", "open-relay", "open-relay 0.0.0.0/0", "x"),
                check("mx2", "open-relay", "open-relay 0.0.0.0/0", "x")));
        assertThat(c.appeared()).containsExactly("mx2 open-relay: x");
    }

    @Test
    void stateKeepsOnlyFailingChecks() {
        assertThat(Changes.state(List.of(check("mx1", "queue-size"), check("mx1", "open-relay", "k", "t"))))
                .containsExactly(Map.entry("mx1|open-relay", Set.of("k")));
    }
}

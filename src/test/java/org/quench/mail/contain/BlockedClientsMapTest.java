package org.quench.mail.contain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Addresses as Postfix's cidr tables read them, and the table's idempotent edits. */
class BlockedClientsMapTest {

    @Test
    void addressesAreNormalisedAndCompared() {
        assertThat(ClientNetwork.parse("2001:DB8:0:0::1").text()).isEqualTo("2001:db8::1");
        assertThat(ClientNetwork.parse("[2001:db8::1]")).isEqualTo(ClientNetwork.parse("2001:db8:0::1/128"));
        assertThat(ClientNetwork.parse("2001:db8:1:0:0:1:0:0").text()).isEqualTo("2001:db8:1::1:0:0");
        assertThat(ClientNetwork.parse("203.0.113.7/32").text()).isEqualTo("203.0.113.7");
        assertThat(ClientNetwork.parse("198.51.100.0/24").text()).isEqualTo("198.51.100.0/24");
        assertThat(ClientNetwork.parse("198.51.100.0/24").probe()).isEqualTo("198.51.100.0");
        assertThat(ClientNetwork.parse("198.51.100.0/24").overlaps(ClientNetwork.parse("198.51.100.9"))).isTrue();
        assertThat(ClientNetwork.parse("198.51.100.9").overlaps(ClientNetwork.parse("198.51.100.0/24"))).isTrue();
        assertThat(ClientNetwork.parse("198.51.101.9").overlaps(ClientNetwork.parse("198.51.100.0/24"))).isFalse();
        assertThat(ClientNetwork.parse("0.0.0.0/0").overlaps(ClientNetwork.parse("8.8.8.8"))).isTrue();
        assertThat(ClientNetwork.parse("::/0").overlaps(ClientNetwork.parse("8.8.8.8"))).isFalse();
    }

    @Test
    void addingIsIdempotentAndKeepsForeignLines() {
        String existing = "# hand-made\n192.0.2.1 REJECT spam source\n192.0.2.0/24 OK\n";
        BlockedClientsMap m = BlockedClientsMap.parse(existing);
        BlockedClientsMap added = m.adding(List.of(ClientNetwork.parse("192.0.2.1"), ClientNetwork.parse("2001:db8::1")), "brute force");
        assertThat(added.content()).isEqualTo(existing + "2001:db8::1 REJECT brute force\n");
        assertThat(added.adding(List.of(ClientNetwork.parse("2001:DB8::1")), "again").content()).isEqualTo(added.content());
        assertThat(added.entries()).containsKeys(ClientNetwork.parse("192.0.2.1"), ClientNetwork.parse("192.0.2.0/24"));

        BlockedClientsMap fresh = BlockedClientsMap.parse(null).adding(List.of(ClientNetwork.parse("203.0.113.7")), "x");
        assertThat(fresh.content()).isEqualTo(BlockedClientsMap.HEADER + "\n203.0.113.7 REJECT x\n");

        assertThat(added.removing(List.of(ClientNetwork.parse("2001:db8:0::1"), ClientNetwork.parse("192.0.2.1"))).content())
                .isEqualTo("# hand-made\n192.0.2.0/24 OK\n");
    }
}

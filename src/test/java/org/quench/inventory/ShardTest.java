package org.quench.inventory;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardTest {

    private static List<Host> hosts(int n) {
        List<Host> hosts = new ArrayList<>();
        for (int i = 0; i < n; i++) hosts.add(new Host("mx" + i + ".example.net", Map.of(), List.of()));
        return hosts;
    }

    @Test
    void slicesAreDisjointAndCoverEveryHost() {
        List<Host> all = hosts(200);
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (int k = 1; k <= 4; k++) {
            List<Host> slice = new Shard(k, 4).select(all);
            total += slice.size();
            slice.forEach(h -> assertThat(seen.add(h.name())).as(h.name() + " in two slices").isTrue());
            // Roughly balanced: 50 expected per slice.
            assertThat(slice.size()).isBetween(30, 70);
        }
        assertThat(total).isEqualTo(200);
    }

    @Test
    void addingAHostMovesNoOther() {
        List<Host> before = hosts(100);
        List<Host> after = new ArrayList<>(before);
        after.add(new Host("new-mx.example.net", Map.of(), List.of()));
        after.add(0, new Host("aaa-first.example.net", Map.of(), List.of()));
        for (Host h : before) {
            int slice = Shard.sliceOf(h.name(), 5);
            assertThat(new Shard(slice, 5).select(after)).contains(h);
        }
    }

    @Test
    void growingTheShardCountMovesOnlyAFewHosts() {
        Map<String, Integer> three = new HashMap<>();
        List<Host> all = hosts(300);
        all.forEach(h -> three.put(h.name(), Shard.sliceOf(h.name(), 3)));
        long moved = all.stream().filter(h -> Shard.sliceOf(h.name(), 4) != three.get(h.name())).count();
        // Rendezvous hashing: the hosts that move all go to the new slice 4; about a quarter move.
        all.stream().filter(h -> Shard.sliceOf(h.name(), 4) != three.get(h.name()))
                .forEach(h -> assertThat(Shard.sliceOf(h.name(), 4)).isEqualTo(4));
        assertThat(moved).isBetween(40L, 110L);
    }

    @Test
    void knownAssignmentIsTheSameOnEveryRun() {
        // Pinned: a change of hash would silently reshuffle every CI agent's hosts between releases.
        assertThat(Shard.sliceOf("mx1", 4)).isEqualTo(4);
        assertThat(Shard.sliceOf("mx2", 4)).isEqualTo(1);
        assertThat(Shard.sliceOf("mx3", 4)).isEqualTo(4);
        assertThat(Shard.sliceOf("127.0.1.7", 4)).isEqualTo(3);
        assertThat(new Shard(1, 1).contains("anything")).isTrue();
    }

    @Test
    void parsesAndRejects() {
        assertThat(Shard.parse("2/4")).isEqualTo(new Shard(2, 4));
        assertThat(Shard.parse(" 1/1 ")).isEqualTo(new Shard(1, 1));
        assertThatThrownBy(() -> Shard.parse("0/4")).hasMessageContaining("between 1 and 4");
        assertThatThrownBy(() -> Shard.parse("5/4")).hasMessageContaining("between 1 and 4");
        assertThatThrownBy(() -> Shard.parse("1/0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Shard.parse("2")).hasMessageContaining("K/N");
        assertThatThrownBy(() -> Shard.parse("a/b")).hasMessageContaining("whole numbers");
    }
}

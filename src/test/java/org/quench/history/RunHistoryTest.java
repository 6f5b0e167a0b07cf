package org.quench.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Listing, filtering and pruning over real record directories made by RunRecord. */
class RunHistoryTest {
    @TempDir Path home;
    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private void record(String id, String runbook, Instant started, String... hosts) throws Exception {
        RunRecord r = RunRecord.create(home, id);
        r.writeMeta(new RunMeta(id, "quench run " + runbook, "alice", null, Map.of("host", "ops1"), "/", started.toString(),
                started.plusSeconds(5).toString(), runbook, null, "abc", null, "all", null, List.of(hosts), true, Map.of(),
                null, "ok", 0));
    }

    @Test
    void listsNewestFirstAndFilters() throws Exception {
        record("r1", "compromised-account", NOW.minus(Duration.ofDays(3)), "mx1", "mx2");
        record("r2", "blacklisted", NOW.minus(Duration.ofDays(2)), "mx2");
        record("r3", "compromised-account", NOW.minus(Duration.ofDays(1)), "relay7");
        RunHistory h = new RunHistory(home);
        assertThat(h.list()).extracting(RunHistory.Entry::id).containsExactly("r3", "r2", "r1");
        assertThat(h.list("mx2", null)).extracting(RunHistory.Entry::id).containsExactly("r2", "r1");
        assertThat(h.list("mx*", "compromised-*")).extracting(RunHistory.Entry::id).containsExactly("r1");
        assertThat(h.list("relay?", null)).extracting(RunHistory.Entry::id).containsExactly("r3");
        assertThat(h.list("m", null)).isEmpty();
        assertThat(h.find("r2")).get().extracting(e -> e.meta().runbook()).isEqualTo("blacklisted");
        assertThat(h.find("../r2")).isEmpty();
        assertThat(h.find("nope")).isEmpty();
    }

    @Test
    void recordWithoutMetaIsDescribedFromItsReportOrItsId() throws Exception {
        Path old = Files.createDirectories(home.resolve("runs/20261120-101500-aaaaaa"));
        Files.writeString(old.resolve("report.json"), """
                {"runId":"x","runbook":"demo-spool","dryRun":true,"startedAt":"2026-11-20T10:15:00Z","status":"planned",
                 "hosts":[{"host":"mx9","status":"planned"}]}""");
        Files.createDirectories(home.resolve("runs/20261121-101500-bbbbbb"));
        Path broken = Files.createDirectories(home.resolve("runs/20261122-101500-cccccc"));
        Files.writeString(broken.resolve("meta.json"), "{not json");
        List<RunHistory.Entry> all = new RunHistory(home).list();
        assertThat(all).extracting(RunHistory.Entry::id)
                .containsExactly("20261122-101500-cccccc", "20261121-101500-bbbbbb", "20261120-101500-aaaaaa");
        assertThat(all.get(0).meta().status()).isEqualTo("unreadable");
        assertThat(all.get(1).meta().status()).isEqualTo("incomplete");
        assertThat(all.get(2).meta().hosts()).containsExactly("mx9");
        assertThat(all.get(2).meta().runbook()).isEqualTo("demo-spool");
    }

    @Test
    void pruneByCountKeepsTheNewest() throws Exception {
        for (int i = 1; i <= 5; i++) record("r" + i, "x", NOW.minus(Duration.ofHours(10 - i)), "h");
        RunHistory h = new RunHistory(home);
        assertThat(h.prune(new RetentionPolicy(2, null), NOW, null)).containsExactlyInAnyOrder("r1", "r2", "r3");
        assertThat(h.list()).extracting(RunHistory.Entry::id).containsExactly("r5", "r4");
        assertThat(Files.exists(home.resolve("runs/r1"))).isFalse();
    }

    @Test
    void pruneByAgeAndNeverTheProtectedRun() throws Exception {
        record("old", "x", NOW.minus(Duration.ofDays(40)), "h");
        record("mid", "x", NOW.minus(Duration.ofDays(20)), "h");
        record("new", "x", NOW.minus(Duration.ofDays(1)), "h");
        RunHistory h = new RunHistory(home);
        assertThat(h.prune(new RetentionPolicy(null, Duration.ofDays(30)), NOW, null)).containsExactly("old");
        assertThat(h.prune(new RetentionPolicy(null, Duration.ofDays(10)), NOW, "mid")).isEmpty();
        assertThat(h.list()).extracting(RunHistory.Entry::id).containsExactly("new", "mid");
        assertThat(h.prune(new RetentionPolicy(1, null), NOW, null)).containsExactly("mid");
        assertThat(h.prune(RetentionPolicy.KEEP_ALL, NOW, null)).isEmpty();
    }
}

package org.quench.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** --shard K/N through the packaged CLI: disjoint slices covering the selection, stable when a host is added, recorded. */
class ShardIT {
    static final Path REPO = Path.of("").toAbsolutePath();

    @TempDir Path tmp;

    private Path inventory(int n, String extra) throws Exception {
        StringBuilder y = new StringBuilder("all:\n  hosts:\n");
        for (int i = 0; i < n; i++) {
            y.append("    mx").append(i).append(": {ansible_connection: local, lock_dir: ").append(tmp.resolve("lock")).append("}\n");
        }
        if (extra != null) y.append("    ").append(extra).append(": {ansible_connection: local}\n");
        Path f = tmp.resolve("hosts-" + n + (extra == null ? "" : "-x") + ".yml");
        Files.writeString(f, y.toString());
        return f;
    }

    private static List<String> slice(Quench q, Path inv, String shard) throws Exception {
        Quench.Result r = q.run(REPO, "inventory", "-i", inv.toString(), "--shard", shard);
        assertThat(r.exit()).as(r.toString()).isZero();
        List<String> names = new ArrayList<>();
        for (String l : r.out().lines().toList()) {
            if (l.startsWith("mx") || l.startsWith("new")) names.add(l.split("\\s+")[0]);
        }
        return names;
    }

    @Test
    void slicesPartitionTheSelectionStayStableAndAreRecorded() throws Exception {
        Quench q = new Quench(Files.createDirectories(tmp.resolve("home")));
        Path inv = inventory(24, null);
        Set<String> seen = new HashSet<>();
        List<List<String>> slices = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            List<String> s = slice(q, inv, k + "/3");
            slices.add(s);
            for (String h : s) assertThat(seen.add(h)).as(h + " in two slices").isTrue();
        }
        assertThat(seen).hasSize(24);
        // A new host joins one slice; nobody else moves.
        Path grown = inventory(24, "new-mx");
        for (int k = 1; k <= 3; k++) {
            List<String> s = slice(q, grown, k + "/3");
            s.remove("new-mx");
            assertThat(s).containsExactlyElementsOf(slices.get(k - 1));
        }
        Quench.Result bad = q.run(REPO, "inventory", "-i", inv.toString(), "--shard", "4/3");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("K must be between 1 and 3").doesNotContain("\tat ");

        // A sharded run records its shard, and works on exactly its slice.
        Quench.Result run = q.run(REPO, "run", REPO.resolve("src/test/resources/it/token-param.yml").toString(), "-i", inv.toString(),
                "--shard", "2/3", "-e", "api_token=x", "--dry-run");
        assertThat(run.exit()).as(run.toString()).isZero();
        Path record;
        try (Stream<Path> dirs = Files.list(q.home.resolve("runs"))) {
            record = dirs.findFirst().orElseThrow();
        }
        JsonNode meta = new ObjectMapper().readTree(record.resolve("meta.json").toFile());
        assertThat(meta.get("shard").asText()).isEqualTo("2/3");
        List<String> hosts = new ArrayList<>();
        meta.get("hosts").forEach(h -> hosts.add(h.asText()));
        assertThat(hosts).containsExactlyElementsOf(slices.get(1));
        JsonNode report = new ObjectMapper().readTree(record.resolve("report.json").toFile());
        List<String> reported = new ArrayList<>();
        report.get("hosts").forEach(h -> reported.add(h.get("host").asText()));
        assertThat(reported).containsExactlyInAnyOrderElementsOf(slices.get(1));
    }
}

package org.quench.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Run history and incident reports from real runs of the packaged jar (hosts with
 * `connection: local`, so every command really runs): what a run records, listing and filtering,
 * retention, and the Markdown/HTML report — the HTML rendered by a real headless Chromium.
 */
class HistoryReportIT {
    static final Path REPO = Path.of("").toAbsolutePath();
    static final Path IT = REPO.resolve("src/test/resources/it");
    static final ObjectMapper JSON = new ObjectMapper();
    /** Chosen by "the spammer": it reaches findings, commands and the report. */
    static final String HOSTILE = "<script>document.title='pwned'</script>\"x\"";

    @TempDir Path tmp;
    Quench quench;

    @BeforeEach
    void setUp() throws Exception {
        quench = new Quench(Files.createDirectories(tmp.resolve("home")));
    }

    private Path inventory(String... hosts) throws Exception {
        StringBuilder y = new StringBuilder("all:\n  hosts:\n");
        for (String h : hosts) {
            y.append("    \"").append(h).append("\":\n      ansible_connection: local\n      lock_dir: ")
                    .append(tmp.resolve("lock-" + h.replaceAll("[^a-z]", ""))).append('\n');
        }
        Path f = tmp.resolve("hosts.yml");
        Files.writeString(f, y.toString());
        return f;
    }

    private Path spool() throws Exception {
        Path spool = Files.createDirectories(tmp.resolve("spool"));
        Files.writeString(spool.resolve("m1<b>'&\""), "From: " + HOSTILE + "\n");
        Files.writeString(spool.resolve("m2"), "From: " + HOSTILE + "\n");
        Files.writeString(spool.resolve("m3"), "From: someone-else@example.test\n");
        return spool;
    }

    private static String runId(Quench.Result r) {
        Matcher m = Pattern.compile("— run (\\S+),").matcher(r.out());
        assertThat(m.find()).as(r.toString()).isTrue();
        return m.group(1);
    }

    /** A dry run on alpha, then the real run on beta: two records with hostile values in them. */
    private String[] twoRuns() throws Exception {
        Path inv = inventory("alpha", "beta<i>");
        Path spool = spool();
        Quench.Result dry = quench.run(REPO, "run", "demo-spool", "-i", inv.toString(), "-l", "alpha", "-e", "spool=" + spool,
                "-e", "sender=" + HOSTILE, "--dry-run");
        assertThat(dry.exit()).as(dry.toString()).isEqualTo(1);
        Quench.Result real = quench.run(REPO, "run", "demo-spool", "-i", inv.toString(), "-l", "beta*", "-e", "spool=" + spool,
                "-e", "sender=" + HOSTILE, "--yes");
        assertThat(real.exit()).as(real.toString()).isEqualTo(0);
        return new String[] {runId(dry), runId(real)};
    }

    @Test
    void everyRunRecordsWhoWhatWhereAndEveryCommand() throws Exception {
        String[] ids = twoRuns();
        Path dir = quench.home.resolve("runs").resolve(ids[1]);
        JsonNode meta = JSON.readTree(dir.resolve("meta.json").toFile());
        assertThat(meta.get("id").asText()).isEqualTo(ids[1]);
        assertThat(meta.get("user").asText()).isEqualTo(System.getProperty("user.name"));
        assertThat(meta.get("origin").get("host").asText()).isNotBlank();
        assertThat(meta.get("runbook").asText()).isEqualTo("demo-spool");
        assertThat(meta.get("runbookSha256").asText()).isEqualTo(sha256(REPO.resolve("runbooks/demo-spool.yml")));
        assertThat(meta.get("limit").asText()).isEqualTo("beta*");
        assertThat(meta.get("hosts")).extracting(JsonNode::asText).containsExactly("beta<i>");
        assertThat(meta.get("status").asText()).isEqualTo("changed");
        assertThat(meta.get("exitCode").asInt()).isZero();
        assertThat(meta.get("dryRun").asBoolean()).isFalse();
        assertThat(meta.get("command").asText()).startsWith("quench run demo-spool -i ").contains("--yes")
                .contains("'sender=<script>document.title='\\''pwned'\\''</script>\"x\"'");
        // Console log is what the engineer saw; commands.log has each command with exit code and duration.
        assertThat(Files.readString(dir.resolve("console.log"))).contains("quench run demo-spool").contains("RECAP");
        List<String> commands = Files.readAllLines(dir.resolve("commands.log"));
        assertThat(commands).anySatisfy(l -> assertThat(l).matches("\\S+\tbeta<i>\t0\t\\d+ms\tmv -- .*m2.*"));
        assertThat(JSON.readTree(dir.resolve("report.json").toFile()).get("runId").asText()).isEqualTo(ids[1]);

        // The shown run: status, commands with exit codes, the hosts.
        Quench.Result show = quench.run(REPO, "history", ids[1]);
        assertThat(show.exit()).as(show.toString()).isZero();
        assertThat(show.out()).contains("run       " + ids[1]).contains("status    changed (exit 0), run")
                .contains("sha256 " + sha256(REPO.resolve("runbooks/demo-spool.yml"))).contains("beta<i>")
                .containsPattern("commands  " + commands.size() + " ").contains("mv -- ");
        Quench.Result missing = quench.run(REPO, "history", "no-such-run");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no run no-such-run").doesNotContain("\tat ");
    }

    @Test
    void inventoryCheckTouchesHostsAndIsRecordedToo() throws Exception {
        Path inv = inventory("alpha", "beta<i>");
        Quench.Result r = quench.run(REPO, "inventory", "-i", inv.toString(), "--check");
        assertThat(r.exit()).as(r.toString()).isZero();
        List<String> rows = quench.run(REPO, "history").out().lines().skip(1).toList();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).contains("inventory-check").contains("ok").contains("alpha,beta<i>");
        String id = rows.get(0).split("\\s+")[0];
        Path dir = quench.home.resolve("runs").resolve(id);
        assertThat(Files.readAllLines(dir.resolve("commands.log"))).hasSize(2).allSatisfy(l -> assertThat(l).matches("\\S+\t\\S+\t0\t\\d+ms\ttrue"));
        assertThat(Files.readString(dir.resolve("console.log"))).contains("2 of 2 host(s) reachable");
        Quench.Result report = quench.run(REPO, "report", id);
        assertThat(report.out()).contains("ran inventory-check against alpha, beta&lt;i&gt;. Outcome: ok.");
    }

    @Test
    void secretLookingParametersAreMaskedInTheRecord() throws Exception {
        Path inv = inventory("alpha");
        Quench.Result r = quench.run(REPO, "run", IT.resolve("token-param.yml").toString(), "-i", inv.toString(),
                "-e", "api_token=s3cr3t-value-42", "--dry-run");
        assertThat(r.exit()).as(r.toString()).isZero();
        Path dir = quench.home.resolve("runs").resolve(runId(r));
        JsonNode meta = JSON.readTree(dir.resolve("meta.json").toFile());
        assertThat(meta.get("params").get("api_token").asText()).isEqualTo("********");
        assertThat(meta.get("command").asText()).contains("api_token=********");
        try (Stream<Path> files = Files.walk(quench.home)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> f.startsWith(dir)).toList()) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain("s3cr3t-value-42");
            }
        }
    }

    @Test
    void historyListsNewestFirstFiltersAndPrunes() throws Exception {
        String[] ids = twoRuns();
        Quench.Result all = quench.run(REPO, "history");
        assertThat(all.exit()).as(all.toString()).isZero();
        List<String> rows = all.out().lines().skip(1).toList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).startsWith(ids[1]).contains("demo-spool").contains("changed").contains("run ").contains("beta<i>");
        assertThat(rows.get(1)).startsWith(ids[0]).contains("findings").contains("dry-run").contains("alpha");

        assertThat(quench.run(REPO, "history", "--host", "alpha").out()).contains(ids[0]).doesNotContain(ids[1]);
        assertThat(quench.run(REPO, "history", "--host", "beta*").out()).contains(ids[1]).doesNotContain(ids[0]);
        assertThat(quench.run(REPO, "history", "--runbook", "demo-*", "-n", "1").out()).contains(ids[1]).doesNotContain(ids[0]);
        assertThat(quench.run(REPO, "history", "--runbook", "compromised-account").out()).contains("no runs recorded matching");

        // Retention from $QUENCH_HOME/config.yml, applied when the next run starts: 2 kept, the oldest goes.
        Files.writeString(quench.home.resolve("config.yml"), "history:\n  max_count: 2\n");
        Quench.Result third = quench.run(REPO, "run", IT.resolve("token-param.yml").toString(), "-i",
                tmp.resolve("hosts.yml").toString(), "-l", "alpha", "-e", "api_token=x", "--dry-run");
        assertThat(third.exit()).as(third.toString()).isZero();
        assertThat(quench.home.resolve("runs").resolve(ids[0])).doesNotExist();
        assertThat(quench.home.resolve("runs").resolve(ids[1])).isDirectory();
        Quench.Result listed = quench.run(REPO, "history");
        assertThat(listed.out().lines().skip(1).toList()).hasSize(2);

        // Explicit prune with an override.
        Quench.Result prune = quench.run(REPO, "history", "--prune", "--max-count", "1");
        assertThat(prune.exit()).as(prune.toString()).isZero();
        assertThat(prune.out()).contains("deleted " + ids[1]).contains("1 run record(s) deleted, 1 kept");

        // A bad retention setting stops the run before it starts, with file:line:col.
        Files.writeString(quench.home.resolve("config.yml"), "history:\n  max_age: soon\n");
        Quench.Result bad = quench.run(REPO, "run", IT.resolve("token-param.yml").toString(), "-i",
                tmp.resolve("hosts.yml").toString(), "-e", "api_token=x", "--dry-run");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains(quench.home.resolve("config.yml") + ":2:12: max_age:").doesNotContain("\tat ");
    }

    @Test
    void markdownReportSaysWhatWasFoundDoneAndVerified() throws Exception {
        String[] ids = twoRuns();
        Quench.Result md = quench.run(REPO, "report", ids[1], "--format", "md");
        assertThat(md.exit()).as(md.toString()).isZero();
        String text = md.out();
        assertThat(text).startsWith("# Incident report: demo-spool on beta&lt;i&gt; (run " + ids[1] + ")");
        assertThat(text).contains("2 finding(s); 3 action(s) executed.");
        assertThat(text).contains("## What was detected").contains("matches: 2").contains("| file | sender |");
        assertThat(text).contains("m1&lt;b&gt;'&amp;\"").contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;\"x\"");
        assertThat(text).contains("## What was done").containsPattern("\\| 20\\d\\d-[^|]+ \\| beta&lt;i&gt; \\| contain \\| quarantine file \\\\\\[.*m2\\\\\\] \\| done \\| 0 \\|");
        assertThat(text).contains("## What was verified").contains("| beta&lt;i&gt; | verify | nothing of sender left | passed |");
        assertThat(text).contains("## Commands executed").contains("| runbook sha256 | " + sha256(REPO.resolve("runbooks/demo-spool.yml")));
        // Outside code spans, nothing a Markdown viewer would render as HTML.
        assertThat(text.replaceAll("(`+) .*? \\1", "")).doesNotContain("<");

        Quench.Result dry = quench.run(REPO, "report", ids[0]);
        assertThat(dry.out()).contains("as a dry run (checks only: nothing was changed)").contains("planned, not executed");
    }

    @Test
    void htmlReportRendersInARealBrowserWithTheFindingsTableAndNoScript() throws Exception {
        String[] ids = twoRuns();
        Path html = tmp.resolve("report.html");
        Quench.Result r = quench.run(REPO, "report", ids[1], "--format", "html", "-o", html.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        String source = Files.readString(html);
        assertThat(source).doesNotContain("<script").contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;&quot;x&quot;");

        Chromium chromium = new Chromium(tmp);
        String dom = chromium.dumpDom(html);
        // The parsed, rendered document: the findings table and its two rows are there, the hostile
        // value is text inside a cell (serialised escaped), and no script element exists.
        assertThat(dom).contains("<table class=\"findings\">");
        String findings = dom.substring(dom.indexOf("<table class=\"findings\">"));
        findings = findings.substring(0, findings.indexOf("</table>"));
        assertThat(Pattern.compile("<tr>").matcher(findings).results().count()).isEqualTo(3);
        assertThat(findings).contains("<td>&lt;script&gt;document.title='pwned'&lt;/script&gt;\"x\"</td>");
        assertThat(dom).doesNotContain("<script").contains("<title>Incident report: demo-spool on beta&lt;i&gt;");
        assertThat(dom).contains("<table class=\"actions\">").contains("<table class=\"verifications\">");
        Path png = chromium.screenshot(html, tmp.resolve("report.png"));
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }

    static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** Debian's chromium, headless, with a throw-away profile and no network-facing extras. */
    static final class Chromium {
        private final Path tmp;

        Chromium(Path tmp) {
            this.tmp = tmp;
            if (!Files.isExecutable(Path.of("/usr/bin/chromium"))) {
                throw new AssertionError("chromium is not installed: lab/install-packages.sh installs it (apt-get install chromium)");
            }
        }

        String dumpDom(Path html) throws Exception {
            return run(List.of("--dump-dom", html.toUri().toString()), tmp.resolve("dom.html"));
        }

        Path screenshot(Path html, Path png) throws Exception {
            run(List.of("--screenshot=" + png, "--window-size=1280,1600", html.toUri().toString()), tmp.resolve("shot.txt"));
            return png;
        }

        private String run(List<String> args, Path out) throws Exception {
            Path profile = Files.createTempDirectory(tmp, "chromium-profile");
            List<String> cmd = new java.util.ArrayList<>(List.of("/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--user-data-dir=" + profile));
            cmd.addAll(args);
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(tmp.resolve("chromium.err").toFile()).start();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError("chromium did not finish in 90 s");
            }
            assertThat(p.exitValue()).as("chromium exit; stderr:\n" + Files.readString(tmp.resolve("chromium.err"))).isZero();
            return Files.readString(out);
        }
    }
}

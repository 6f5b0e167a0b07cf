package org.quench.mail.detect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * mail.accounts over log files on this machine (the host-side scripts really run): rotated and
 * gzipped files, the time window, the byte ranges of the second pass, hostile strings in the log.
 */
class AccountsOnFilesTest {
    private static final Instant T0 = Instant.parse("2026-11-23T06:00:00Z");
    @TempDir Path tmp;

    @SuppressWarnings("unchecked")
    private Map<String, Object> accounts(LocalModuleContext ctx, Map<String, Object> with) throws Exception {
        return (Map<String, Object>) new AccountsModule().prepare(ctx.host(), with).execute(ctx);
    }

    private static void gzip(Path file, String text) throws Exception {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void readsRotationsInOrderFindsTheHijackedAccountAndTheBruteForceIp() throws Exception {
        // Oldest rotation, gzipped: an old burst of bob outside the window.
        SyntheticLog old = new SyntheticLog(T0.minusSeconds(6 * 3600));
        for (int i = 0; i < 60; i++) {
            old.message("bob@example.test", "127.0.2." + (i % 9), "boss@bank.test", List.of("a" + i + "@example.org"), 'd');
        }
        Path r2 = tmp.resolve("mail.log.2.gz");
        gzip(r2, old.text());
        Files.setLastModifiedTime(r2, FileTime.from(T0.minusSeconds(5 * 3600)));

        // Previous file: mallory starts, plus noise to give the ranges something to skip.
        SyntheticLog prev = new SyntheticLog(T0.plusSeconds(60));
        prev.noise(20_000);
        String hostile = "\"$(touch " + tmp.resolve("canary") + ")\"@evil.test";
        for (int i = 0; i < 40; i++) {
            prev.message("mallory@example.test", "127.0.2." + (1 + i % 8), i % 2 == 0 ? "ceo@bank.test" : "billing@shop.test",
                    SyntheticLog.recipients("v", "example.org", i * 3, 3), 'd');
            prev.saslFailure("127.0.3.99", i % 3 == 0 ? hostile : "admin@example.test", i % 4 == 0);
        }
        prev.noise(20_000);
        Path r1 = tmp.resolve("mail.log.1");
        Files.writeString(r1, prev.text());

        // Live file: mallory goes on, carol sends her newsletter, Dovecot sees password guessing.
        SyntheticLog live = new SyntheticLog(T0.plusSeconds(3600));
        for (int i = 0; i < 40; i++) {
            live.message("mallory@example.test", "127.0.2." + (1 + i % 8), "ceo@bank.test",
                    SyntheticLog.recipients("w", i % 5 == 0 ? "outlook.test" : "example.org", i * 3, 3), i % 5 == 0 ? 'b' : 'd');
            live.message("carol@example.test", "127.0.1.13", "carol@example.test",
                    SyntheticLog.recipients("reader", "example.net", i * 4, 4), 'd');
            live.dovecotMismatch("127.0.3.98", "user" + (i % 7) + "@example.test");
        }
        Path log = tmp.resolve("mail.log");
        Files.writeString(log, live.text());

        LocalModuleContext ctx = new LocalModuleContext();
        Map<String, Object> out = accounts(ctx, Map.of("log_files", List.of(r2.toString(), r1.toString(), log.toString()),
                "since", "3h", "reference", T0.plusSeconds(2 * 3600).toString(), "utc_offset", "+0000",
                // this machine's queue is not the synthetic log's: AccountsOnLabTest covers `queued`
                "queue", "false"));

        List<Map<String, Object>> flagged = (List<Map<String, Object>>) out.get("compromisedAccounts");
        assertThat(flagged).extracting(m -> m.get("user")).containsExactly("mallory@example.test");
        Map<String, Object> mallory = flagged.get(0);
        assertThat(mallory).containsEntry("messages", 80L).containsEntry("clientIps", 8).containsEntry("recipients", 240L)
                .containsEntry("queued", null);
        assertThat((List<String>) mallory.get("reasons")).anyMatch(r -> r.contains("8 distinct client IPs"))
                .anyMatch(r -> r.contains("80 of 80 messages had an envelope sender other than the login"))
                .anyMatch(r -> r.contains("bounced"));
        // bob's burst is in a rotation written before the window: not even read
        List<Map<String, Object>> listed = (List<Map<String, Object>>) out.get("accounts");
        assertThat(listed).extracting(m -> m.get("user")).containsExactly("mallory@example.test", "carol@example.test");
        assertThat(listed.get(1)).containsEntry("flagged", false);

        List<Map<String, Object>> brute = (List<Map<String, Object>>) out.get("bruteForce");
        // equal failure counts: ordered by IP
        assertThat(brute).extracting(m -> m.get("ip")).containsExactly("127.0.3.98", "127.0.3.99");
        assertThat(brute.get(1)).containsEntry("failures", 40L).containsEntry("users", 2).containsEntry("authServerLost", 10L);
        assertThat((List<String>) brute.get(1).get("sampleUsers")).contains(hostile);
        assertThat(brute.get(0)).containsEntry("failures", 40L).containsEntry("users", 7).containsEntry("dovecotFailures", 40L);

        Map<String, Object> scanned = (Map<String, Object>) out.get("scanned");
        Map<String, Object> second = (Map<String, Object>) scanned.get("secondPass");
        assertThat(scanned.get("files")).isEqualTo(3);
        assertThat((Long) second.get("bytes")).isLessThan(Files.size(r1) + Files.size(log));
        assertThat(tmp.resolve("canary")).doesNotExist();
        assertThat(ctx.commands).containsOnly("sh -s");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAccountAskedAboutIsAlwaysReported() throws Exception {
        SyntheticLog live = new SyntheticLog(T0);
        live.message("alice@example.test", "127.0.1.11", "alice@example.test", List.of("x@example.net"), 'd');
        for (int i = 0; i < 30; i++) {
            live.message("carol@example.test", "127.0.1.13", "carol@example.test", List.of("r" + i + "@example.net"), 'd');
        }
        Path log = tmp.resolve("mail.log");
        Files.writeString(log, live.text());
        Map<String, Object> out = accounts(new LocalModuleContext(), Map.of("log_files", log.toString(), "user", "alice@example.test",
                "top", 1, "reference", T0.plusSeconds(600).toString(), "queue", "false"));
        assertThat((List<Map<String, Object>>) out.get("accounts")).extracting(m -> m.get("user"))
                .containsExactly("carol@example.test", "alice@example.test");
        assertThat((Map<String, Object>) out.get("user")).containsEntry("user", "alice@example.test")
                .containsEntry("messages", 1L).containsEntry("flagged", false).containsEntry("sampledMessages", 1L);
        Map<String, Object> none = accounts(new LocalModuleContext(), Map.of("log_files", log.toString(), "user", "nobody@example.test",
                "queue", "false"));
        assertThat((Map<String, Object>) none.get("user")).containsEntry("messages", 0L).containsEntry("flagged", false);
    }
}

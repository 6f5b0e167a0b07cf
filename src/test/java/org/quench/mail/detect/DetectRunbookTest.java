package org.quench.mail.detect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quench.engine.Engine;
import org.quench.engine.ModuleRegistry;
import org.quench.engine.ProgressListener;
import org.quench.engine.RunJournal;
import org.quench.engine.RunMode;
import org.quench.engine.RunOptions;
import org.quench.engine.SecretVault;
import org.quench.expr.ExpressionEngine;
import org.quench.inventory.Host;
import org.quench.report.RunReport;
import org.quench.runbook.ParamValues;
import org.quench.runbook.Runbook;
import org.quench.runbook.RunbookLoader;
import org.quench.transport.LocalTransport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The two modules chained by a runbook through the engine: discover's register feeds accounts. */
class DetectRunbookTest {
    @TempDir Path tmp;

    @Test
    @SuppressWarnings("unchecked")
    void discoverFeedsAccountsAndFindingsHaveProductShapes() throws Exception {
        Instant t0 = Instant.now().minusSeconds(1800);
        SyntheticLog log = new SyntheticLog(t0);
        for (int i = 0; i < 60; i++) {
            log.message("mallory@example.test", "127.0.2." + (1 + i % 8), "ceo@bank.test",
                    SyntheticLog.recipients("v", i % 2 == 0 ? "example.org" : "shop.test", i, 2), 'd');
            log.saslFailure("127.0.3.9", "u" + (i % 4), false);
        }
        Path file = tmp.resolve("mail.log");
        Files.writeString(file, log.text());
        Files.writeString(tmp.resolve("detect.yml"), """
                name: detect
                params: {since: {type: duration, default: 2h}}
                stages:
                  - stage: detect
                    steps:
                      - name: discover
                        uses: mail.discover
                        register: mailhost
                      - name: accounts
                        uses: mail.accounts
                        with:
                          log_files: "{{ mailhost.logFiles }}"
                          log_source: "{{ mailhost.logSource }}"
                          utc_offset: "{{ mailhost.utcOffset }}"
                          since: "{{ since }}"
                        register: scan
                        findings:
                          compromisedAccounts: "scan.compromisedAccounts"
                          bruteForce: "scan.bruteForce"
                """);
        ExpressionEngine expr = new ExpressionEngine();
        ModuleRegistry modules = new ModuleRegistry(List.of(new DiscoverModule(), new AccountsModule()));
        Runbook rb = new RunbookLoader(expr, modules).load(tmp.resolve("detect.yml"));
        Engine engine = new Engine(expr, ref -> null, (sub, given) -> Map.of(), h -> new LocalTransport(),
                ProgressListener.NONE, new SecretVault(), modules, new RunJournal() { });
        Host h = new Host("mx1", Map.of("ansible_connection", "local", "lock_dir", tmp.resolve("lock").toString(),
                "mail_log", file.toString(), "platform", "postfix"), List.of());
        RunReport r = engine.run(rb, ParamValues.bind(rb, Map.of()), List.of(h),
                new RunOptions("r", true, RunMode.PLAN, 1, Duration.ofSeconds(60), null));

        Map<String, Object> findings = r.hosts().get(0).findings();
        List<Map<String, Object>> accounts = (List<Map<String, Object>>) findings.get("compromisedAccounts");
        assertThat(accounts).hasSize(1);
        assertThat(accounts.get(0).keySet()).startsWith("user", "messages", "recipients", "clientIps", "queued");
        assertThat(accounts.get(0)).containsEntry("user", "mallory@example.test").containsEntry("messages", 60L);
        List<Map<String, Object>> brute = (List<Map<String, Object>>) findings.get("bruteForce");
        assertThat(brute.get(0).keySet()).startsWith("ip", "failures", "users");
        assertThat(brute.get(0)).containsEntry("ip", "127.0.3.9").containsEntry("failures", 60L).containsEntry("users", 4);
        assertThat(r.hosts().get(0).steps()).extracting(s -> s.status()).containsOnly("ok");
    }
}

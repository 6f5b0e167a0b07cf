package org.quench.audit;

import org.junit.jupiter.api.Test;
import org.quench.report.HostReport;
import org.quench.report.RunReport;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AuditChecksTest {
    static HostReport clean(String host) {
        return new HostReport(host, HostReport.OK, Map.of("relayDrift", List.of(), "relayVolume", List.of()), List.of(), null);
    }

    static HostReport dirty(String host) {
        return new HostReport(host, HostReport.OK, Map.of(
                "relayDrift", List.of(
                        Map.of("entry", "10.9.9.9/32", "problem", "unapproved", "detail", "trusted but not in approved_relays"),
                        Map.of("entry", "10.0.0.0/16", "problem", "too-broad", "detail", "/16 is broader than the allowed /24"),
                        Map.of("entry", "0.0.0.0/0", "problem", "open-relay", "detail", "anyone can relay")),
                "relayVolume", List.of(Map.of("ip", "10.1.2.20", "messages", 900, "insideCidr", "10.1.2.16/29")),
                "queue", Map.of("total", 250, "threshold", 200, "bySender", Map.of("bob@example.test", 240))), List.of(), null);
    }

    static RunReport report(HostReport... hosts) {
        return new RunReport("r1", "audit-trusted-relays", true, Instant.EPOCH, Instant.EPOCH, "ok", List.of(hosts));
    }

    @Test
    void aCleanHostPassesAllFiveChecks() {
        List<AuditCheck> checks = AuditChecks.of(report(clean("mx1")));
        assertThat(checks).extracting(AuditCheck::check).containsExactlyElementsOf(AuditChecks.ALL);
        assertThat(checks).allMatch(c -> c.status().equals(AuditCheck.PASS));
        assertThat(AuditChecks.exitCode(checks)).isZero();
        assertThat(AuditTable.render(checks)).isEqualTo("All 5 check(s) on 1 host(s) passed.\n");
    }

    @Test
    void eachFindingLandsInItsCheck() {
        List<AuditCheck> checks = AuditChecks.of(report(dirty("mx1"), clean("mx2")));
        assertThat(checks).filteredOn(c -> c.host().equals("mx1")).extracting(AuditCheck::status).containsOnly(AuditCheck.FAIL);
        assertThat(checks.get(0).summary()).isEqualTo("10.9.9.9/32: trusted but not in approved_relays");
        assertThat(checks.get(1).items()).extracting(AuditCheck.Item::key).containsExactly("too-broad 10.0.0.0/16");
        assertThat(checks.get(2).items()).extracting(AuditCheck.Item::key).containsExactly("open-relay 0.0.0.0/0");
        assertThat(checks.get(3).summary()).isEqualTo("10.1.2.20 relayed 900 unauthenticated message(s) (trusted via 10.1.2.16/29)");
        assertThat(checks.get(4).summary()).startsWith("250 queued message(s), threshold 200");
        assertThat(AuditChecks.exitCode(checks)).isEqualTo(1);
        String table = AuditTable.render(checks);
        assertThat(table).contains("mx1   trusted-networks-approved  fail    10.9.9.9/32: trusted but not in approved_relays")
                .doesNotContain("mx2").endsWith("5 of 10 check(s) did not pass, on 1 of 2 host(s).\n");
    }

    @Test
    void aHostThatCouldNotBeAuditedIsAnErrorInEveryCheckAndExit3() {
        HostReport down = new HostReport("mx3", HostReport.FAILED, Map.of(), List.of(), "mx3: connect: Connection refused");
        List<AuditCheck> checks = AuditChecks.of(report(dirty("mx1"), down));
        assertThat(checks).filteredOn(c -> c.host().equals("mx3")).hasSize(5)
                .allSatisfy(c -> {
                    assertThat(c.status()).isEqualTo(AuditCheck.ERROR);
                    assertThat(c.summary()).isEqualTo("mx3: connect: Connection refused");
                });
        assertThat(AuditChecks.exitCode(checks)).isEqualTo(3);
        assertThat(AuditTable.render(checks)).contains("mx3   trusted-networks-approved  error   mx3: connect: Connection refused");
    }
}

package org.quench.mail.detect;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quench.lab.mail.MailLab;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** mail.discover against the real lab: everything it reports is what the lab README says. */
class DiscoverOnLabTest {
    private static MailLab lab;

    @BeforeAll
    static void up() {
        lab = MailLab.get();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> discover(Map<String, Object> with) throws Exception {
        LocalModuleContext ctx = new LocalModuleContext();
        return (Map<String, Object>) new DiscoverModule().prepare(ctx.host(), with).execute(ctx);
    }

    @Test
    void findsPostfixItsLogDovecotsPasswdFileAndThePlatform() throws Exception {
        Map<String, Object> facts = discover(Map.of());
        assertThat(facts.get("platform")).isEqualTo("postfix");
        assertThat((String) facts.get("postfixVersion")).matches("\\d+\\.\\d+.*");
        assertThat(facts.get("postqueueJson")).isEqualTo(true);
        assertThat(facts.get("maillogFile")).isEqualTo(lab.mailLog().toString());
        assertThat(facts.get("logSource")).isEqualTo("files");
        assertThat((List<String>) facts.get("logFiles")).last().isEqualTo(lab.mailLog().toString());
        assertThat((List<String>) facts.get("logFiles")).noneMatch(f -> f.contains("mail-remote"));
        assertThat(facts.get("passdbDriver")).isEqualTo("passwd-file");
        assertThat(facts.get("passwdFile")).isEqualTo(lab.usersFile().toString());
        assertThat(facts.get("doveadm")).isEqualTo(true);
        assertThat(facts.get("bluemindCli")).isEqualTo(false);
        assertThat(facts.get("zimbra")).isEqualTo(false);
        assertThat(facts.get("plesk")).isEqualTo(false);
        assertThat(facts.get("utcOffset")).asString().matches("[+-]\\d{4}");
        assertThat(facts.get("hostTime")).isInstanceOf(Long.class);
    }

    @Test
    void stepOverridesWinOverDiscovery() throws Exception {
        Map<String, Object> facts = discover(Map.of("platform", "BlueMind", "mail_log", lab.mailLog() + ", /nonexistent/x.log*"));
        assertThat(facts.get("platform")).isEqualTo("bluemind");
        assertThat((List<String>) facts.get("logFiles")).containsExactly(lab.mailLog().toString());
    }

    @Test
    void hostileOverridesStayData() throws Exception {
        java.nio.file.Path canary = java.nio.file.Path.of("/tmp/quench-discover-canary");
        java.nio.file.Files.deleteIfExists(canary);
        Map<String, Object> facts = discover(Map.of("mail_log", List.of("/tmp/$(touch " + canary + ")'`touch " + canary + "`*")));
        assertThat((List<String>) facts.get("logFiles")).isEmpty();
        assertThat(canary).doesNotExist();
    }
}

package org.quench.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryLoaderTest {

    static Path fixture(String name) {
        try {
            return Path.of(InventoryLoaderTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> problems(String fixture) {
        Path p = fixture(fixture);
        try {
            InventoryLoader.load(p);
        } catch (InventoryException e) {
            // Compare without the absolute directory: "name.yml:line:col: message".
            return e.problems().stream().map(pr -> Path.of(pr.pos().file()).getFileName() + ":" + pr.pos().line() + ":"
                    + pr.pos().col() + ": " + pr.message()).toList();
        }
        throw new AssertionError(fixture + " loaded without error");
    }

    @Test
    void nestedGroupsMergeVarsByDepthThenHost() throws Exception {
        Inventory inv = InventoryLoader.load(fixture("good/hosts.yml"));
        assertThat(inv.hosts()).extracting(Host::name).containsExactly(
                "lonely.example.com", "mx1", "mx2", "bm1", "www01", "www02", "www03", "controller");
        Host mx1 = inv.host("mx1").orElseThrow();
        assertThat(mx1.address()).isEqualTo("127.0.1.1");
        assertThat(mx1.port()).isEqualTo(2222);
        assertThat(mx1.var("level")).isEqualTo("mail");          // child group beats all
        assertThat(mx1.var("lock_dir")).isEqualTo("/var/lock/quench");
        assertThat(mx1.groups()).containsExactly("mail", "postfix");
        // host vars beat groups; vars written for mx2 under two groups are merged
        Host mx2 = inv.host("mx2").orElseThrow();
        assertThat(mx2.var("level")).isEqualTo("host");
        assertThat(mx2.vars().get("outbound_ips")).isEqualTo(List.of("192.0.2.10"));
        assertThat(mx2.var("dns_resolver")).isEqualTo("127.0.0.53");
        // bluemind sits under mail and eu (depth 2): deeper group wins over both parents
        Host bm1 = inv.host("bm1").orElseThrow();
        assertThat(bm1.var("platform")).isEqualTo("bluemind");
        assertThat(bm1.var("level")).isEqualTo("bluemind");
        assertThat(bm1.groups()).containsExactlyInAnyOrder("eu", "mail", "bluemind");
        assertThat(inv.host("lonely.example.com").orElseThrow().groups()).containsExactly("ungrouped");
        assertThat(inv.host("controller").orElseThrow().isLocal()).isTrue();
        assertThat(inv.groups()).contains("all", "mail", "postfix", "bluemind", "eu", "web", "ungrouped");
    }

    @Test
    void directoryWithGroupVarsAndHostVars() throws Exception {
        Inventory inv = InventoryLoader.load(fixture("dir"));
        Host a1 = inv.host("a1").orElseThrow();
        Host a2 = inv.host("a2").orElseThrow();
        assertThat(a1.var("tier")).isEqualTo("from-group-vars");
        assertThat(a1.var("role")).isEqualTo("inline");
        assertThat(a1.vars().get("approved_relays")).isEqualTo(List.of("10.0.0.0/24"));
        assertThat(a2.var("role")).isEqualTo("from-host-vars");
        assertThat(a2.port()).isEqualTo(2200);
        assertThat(a2.var("platform")).isEqualTo("zimbra");
    }

    @Test
    void hostsAsAListIsAnError() {
        assertThat(problems("bad/hosts-list.yml")).containsExactly(
                "hosts-list.yml:5:9: hosts of group 'mail' must be a mapping of host names (each followed by ':'), not a list");
    }

    @Test
    void wrongTypesAreAllReportedWithPositions() {
        assertThat(problems("bad/types.yml")).containsExactly(
                "types.yml:2:9: vars of group 'all' must be a mapping of name: value, not a list",
                "types.yml:5:21: ansible_port must be a port number 1..65535, not 'twenty-two'",
                "types.yml:6:17: platform must be one of postfix, bluemind, zimbra, plesk, not 'exchange'",
                "types.yml:7:10: host 'mx2' must have no value or a mapping of variables, not a string");
    }

    @Test
    void cycleInChildrenIsReportedWhereItCloses() {
        assertThat(problems("bad/cycle.yml")).containsExactly("cycle.yml:9:17: cycle in children: a → b → c → a");
    }

    @Test
    void unknownTopLevelAndGroupKeys() {
        assertThat(problems("bad/top.yml")).containsExactly(
                "top.yml:1:1: 'hosts:' at the top level must be inside a group: write 'all:' and indent 'hosts:' under it",
                "top.yml:4:3: unknown key 'hostz' in group 'all' (expected hosts, vars or children)");
    }

    @Test
    void iniInventoryIsExplained() {
        assertThat(problems("bad/ini.yml")).singleElement().asString()
                .startsWith("ini.yml:1:1: expected a mapping of groups").contains("not INI");
    }

    @Test
    void yamlSyntaxErrorHasPosition() {
        assertThat(problems("bad/syntax.yml")).containsExactly(
                "syntax.yml:4:19: invalid YAML: while scanning a quoted scalar: found unexpected end of stream");
    }

    @Test
    void duplicateHostKeyIsReported() {
        assertThat(problems("bad/dup.yml")).containsExactly("dup.yml:4:5: duplicate key 'mx1' (first at line 3)");
    }

    @Test
    void directoryWithoutHostsFile(@TempDir Path dir) {
        assertThatThrownBy(() -> InventoryLoader.load(dir)).isInstanceOf(InventoryException.class)
                .hasMessageContaining("no hosts.yml");
    }

    @Test
    void ignoredSshOptionsWarnAndUnknownVarsAreData(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("hosts.yml");
        Files.writeString(f, """
                all:
                  hosts:
                    mx1:
                      ansible_ssh_common_args: -o ProxyCommand=x
                      customer: acme
                """);
        Inventory inv = InventoryLoader.load(f);
        assertThat(inv.warnings()).singleElement().asString().contains("4:7").contains("ansible_ssh_common_args is ignored");
        assertThat(inv.host("mx1").orElseThrow().var("customer")).isEqualTo("acme");
    }

    @Test
    void topLevelGroupsBesideAllAreChildrenOfAll(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("hosts.yml");
        Files.writeString(f, """
                mail:
                  hosts:
                    mx1:
                  vars: {platform: plesk}
                """);
        Inventory inv = InventoryLoader.load(f);
        assertThat(inv.select("all")).extracting(Host::name).containsExactly("mx1");
        assertThat(inv.host("mx1").orElseThrow().var("platform")).isEqualTo("plesk");
    }
}

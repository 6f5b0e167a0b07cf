package org.quench.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HostPatternTest {
    static Inventory inv;

    @BeforeAll
    static void load() throws Exception {
        inv = InventoryLoader.load(InventoryLoaderTest.fixture("good/hosts.yml"));
    }

    private static List<String> names(String pattern) throws HostPatternException {
        return inv.select(pattern).stream().map(Host::name).toList();
    }

    @Test
    void allAndStar() throws Exception {
        assertThat(names("all")).hasSize(8);
        assertThat(names("*")).hasSize(8);
    }

    @Test
    void hostGroupAndChildGroups() throws Exception {
        assertThat(names("mx1")).containsExactly("mx1");
        assertThat(names("mail")).containsExactly("mx1", "mx2", "bm1");
        assertThat(names("ungrouped")).containsExactly("lonely.example.com");
    }

    @Test
    void globsOverHostsAndGroups() throws Exception {
        assertThat(names("mx*")).containsExactly("mx1", "mx2");
        assertThat(names("www0[12]")).containsExactly("www01", "www02");
        assertThat(names("blue*")).containsExactly("bm1");
        assertThat(names("~^mx\\d$")).containsExactly("mx1", "mx2");
    }

    @Test
    void unionsIntersectionsExclusionsInInventoryOrder() throws Exception {
        assertThat(names("bm1,mx1")).containsExactly("mx1", "bm1");
        assertThat(names("web:mx1")).containsExactly("mx1", "www01", "www02", "www03");
        assertThat(names("mail:&eu")).containsExactly("mx2", "bm1");
        assertThat(names("mail,!bluemind")).containsExactly("mx1", "mx2");
        // exclusions and intersections apply after all unions, wherever they are written
        assertThat(names("!mx1,mail")).containsExactly("mx2", "bm1");
        assertThat(names("&eu,all,!bm1")).containsExactly("mx2");
        assertThat(names("!web")).hasSize(5);
    }

    @Test
    void unknownNameSuggestsCloseOnes() {
        assertThatThrownBy(() -> inv.select("mx3")).isInstanceOf(HostPatternException.class)
                .hasMessageContaining("'mx3' in host pattern 'mx3' matches no host or group")
                .hasMessageContaining("did you mean: mx1, mx2");
        assertThatThrownBy(() -> inv.select("mail,!blumind")).hasMessageContaining("did you mean: bluemind");
    }

    @Test
    void emptyResultIsAnError() {
        assertThatThrownBy(() -> inv.select("web:&mail")).isInstanceOf(HostPatternException.class)
                .hasMessageContaining("selects no host");
        assertThatThrownBy(() -> inv.select(" ")).hasMessageContaining("empty host pattern");
    }
}

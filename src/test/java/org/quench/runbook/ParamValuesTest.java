package org.quench.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ParamValuesTest {
    private static final Runbook RUNBOOK = runbook(
            param("user", ParamType.EMAIL, true, null),
            param("since", ParamType.DURATION, false, Duration.ofHours(2)),
            param("max", ParamType.INT, false, 200L),
            param("relay", ParamType.IP, false, null),
            param("net", ParamType.CIDR, false, null),
            param("flag", ParamType.BOOL, false, false),
            param("ids", ParamType.LIST, false, List.of()),
            param("label", ParamType.STRING, false, "x"));

    private static ParamSpec param(String name, ParamType type, boolean required, Object defaultValue) {
        return new ParamSpec(name, type, required, defaultValue, "", SourcePos.UNKNOWN);
    }

    private static Runbook runbook(ParamSpec... specs) {
        Map<String, ParamSpec> params = new LinkedHashMap<>();
        for (ParamSpec spec : specs) {
            params.put(spec.name(), spec);
        }
        return new Runbook("demo", "", Path.of("demo.yml"), params, Map.of(), List.of(), Post.EMPTY);
    }

    @Test
    void convertsToTypedValuesAndAppliesDefaults() throws Exception {
        Map<String, Object> values = ParamValues.bind(RUNBOOK, Map.of("user", "bob@example.com", "max", "50",
                "relay", "2001:db8::1", "net", "10.0.0.0/8", "flag", "true", "ids", "A1, B2,,C3", "since", "15m"));
        assertThat(values).containsEntry("user", "bob@example.com")
                .containsEntry("since", Duration.ofMinutes(15))
                .containsEntry("max", 50L)
                .containsEntry("relay", "2001:db8::1")
                .containsEntry("net", "10.0.0.0/8")
                .containsEntry("flag", true)
                .containsEntry("ids", List.of("A1", "B2", "C3"))
                .containsEntry("label", "x");
        assertThat(values.keySet()).containsExactly("user", "since", "max", "relay", "net", "flag", "ids", "label");

        Map<String, Object> defaults = ParamValues.bind(RUNBOOK, Map.of("user", "bob@example.com"));
        assertThat(defaults).containsEntry("since", Duration.ofHours(2)).containsEntry("max", 200L)
                .containsEntry("relay", null).containsEntry("ids", List.of());
    }

    @Test
    void reportsEveryProblemClearly() {
        assertThatThrownBy(() -> ParamValues.bind(RUNBOOK, Map.of("user", "bob")))
                .isInstanceOf(ParameterException.class)
                .hasMessage("parameter user: \"bob\" is not an email address");
        assertThatThrownBy(() -> ParamValues.bind(RUNBOOK, Map.of("usr", "bob@example.com", "max", "many",
                "relay", "10.0.0.256", "net", "10.0.0.0/40", "flag", "maybe", "since", "2 hours")))
                .isInstanceOfSatisfying(ParameterException.class, e -> assertThat(e.problems()).containsExactly(
                        "unknown parameter usr for runbook demo (did you mean `user`?) (known: user, since, max, relay, net, flag, ids, label)",
                        "parameter user is required (-e user=...)",
                        "parameter since: \"2 hours\" is not a duration (like 500ms, 30s, 15m, 2h, 1d)",
                        "parameter max: \"many\" is not a whole number",
                        "parameter relay: \"10.0.0.256\" is not an IP address",
                        "parameter net: \"10.0.0.0/40\" has a prefix out of range (/0 to /32)",
                        "parameter flag: \"maybe\" is not true or false"));
    }

    @Test
    void addressTypes() {
        for (String ok : new String[]{"127.0.0.1", "0.0.0.0", "255.255.255.255", "::1", "fe80::1", "::ffff:10.0.0.1"}) {
            assertThat(ParamValueParser.parse(ParamType.IP, ok)).isEqualTo(ok);
        }
        for (String bad : new String[]{"01.2.3.4", "1.2.3", "example.com", "[::1]", "fe80::1%eth0", "localhost", ""}) {
            assertThatThrownBy(() -> ParamValueParser.parse(ParamType.IP, bad)).hasMessageContaining("is not an IP address");
        }
        assertThat(ParamValueParser.parse(ParamType.CIDR, "2001:db8::/32")).isEqualTo("2001:db8::/32");
        assertThat(ParamValueParser.parse(ParamType.CIDR, "0.0.0.0/0")).isEqualTo("0.0.0.0/0");
        assertThatThrownBy(() -> ParamValueParser.parse(ParamType.CIDR, "2001:db8::/129")).hasMessageContaining("/0 to /128");
        assertThatThrownBy(() -> ParamValueParser.parse(ParamType.CIDR, "10.0.0.1")).hasMessageContaining("not a CIDR");
        assertThatThrownBy(() -> ParamValueParser.parse(ParamType.EMAIL, "bob@")).hasMessageContaining("email");
        assertThatThrownBy(() -> ParamValueParser.parse(ParamType.EMAIL, "bob smith@example.com")).hasMessageContaining("email");
        assertThatThrownBy(() -> ParamValueParser.parse(ParamType.EMAIL, "$(reboot)@example.com")).hasMessageContaining("email");
    }
}

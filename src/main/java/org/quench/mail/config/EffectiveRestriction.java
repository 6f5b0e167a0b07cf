package org.quench.mail.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One restriction parameter (e.g. {@code smtpd_client_restrictions}) everywhere it takes effect:
 * its main.cf value and every master.cf service that overrides it with {@code -o}. Putting a
 * restriction first "everywhere" means both — the lab's submission service (port 587) overrides
 * {@code smtpd_client_restrictions}, so main.cf alone would leave 587 open.
 *
 * <p>Read with {@link #readCommand()} (the main.cf value on the first line, then
 * {@code postconf -P}); written with {@link #mainEditCommand()} and {@link #overridesEditCommand()},
 * whose values travel on stdin (they are worked out from what the host holds when the step runs).
 */
public final class EffectiveRestriction {
    /** main.cf's key in {@link #placement}. */
    public static final String MAIN_CF = "main.cf";

    private final String parameter;
    private final String main;
    private final Map<String, String> overrides;

    private EffectiveRestriction(String parameter, String main, Map<String, String> overrides) {
        this.parameter = parameter;
        this.main = main;
        this.overrides = overrides;
    }

    private static String checkName(String parameter) {
        if (!parameter.matches("[a-z_]+_restrictions")) throw new IllegalArgumentException("not a restriction list: " + parameter);
        return parameter;
    }

    public static String readCommand(String parameter) {
        return "postconf -h " + checkName(parameter) + " && postconf -P";
    }

    public static EffectiveRestriction parse(String parameter, String readOutput) {
        List<String> lines = readOutput.lines().toList();
        String main = lines.isEmpty() ? "" : lines.get(0).strip();
        String rest = String.join("\n", lines.subList(Math.min(1, lines.size()), lines.size()));
        return new EffectiveRestriction(checkName(parameter), main, ServiceOverrides.of(rest, parameter));
    }

    /** {@code IFS= read -r v || exit 97; postconf -e "PARAMETER = $v"} */
    public static String mainEditCommand(String parameter) {
        return "IFS= read -r v || exit 97; postconf -e \"" + checkName(parameter) + " = $v\"";
    }

    /** One {@code postconf -P -e} per stdin line ({@code SERVICE/TYPE/PARAMETER=VALUE}). */
    public static String overridesEditCommand() {
        return "while IFS= read -r o; do postconf -P -e \"$o\" || exit 1; done";
    }

    public String main() {
        return main;
    }

    public Map<String, String> overrides() {
        return overrides;
    }

    /** Where {@code head} comes first: {@code main.cf} and each overriding {@code SERVICE/TYPE} → yes/no. */
    public Map<String, Boolean> placement(List<String> head) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        out.put(MAIN_CF, RestrictionList.parse(main).startsWith(head));
        overrides.forEach((service, value) -> out.put(service, RestrictionList.parse(value).startsWith(head)));
        return out;
    }

    public boolean firstEverywhere(List<String> head) {
        return !placement(head).containsValue(false);
    }

    /** main.cf's new value with {@code head} first, or null when it already is. */
    public String mainWithFirst(List<String> head) {
        RestrictionList l = RestrictionList.parse(main);
        return l.startsWith(head) ? null : l.withFirst(head).mainCfValue();
    }

    /** The {@code postconf -P} lines that put {@code head} first in each override lacking it. */
    public List<String> overridesWithFirst(List<String> head) {
        List<String> out = new ArrayList<>();
        overrides.forEach((service, value) -> {
            RestrictionList l = RestrictionList.parse(value);
            if (!l.startsWith(head)) out.add(service + "/" + parameter + "=" + l.withFirst(head).masterCfValue());
        });
        return out;
    }
}

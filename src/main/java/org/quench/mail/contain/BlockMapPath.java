package org.quench.mail.contain;

import java.util.List;

/**
 * Where blocked clients are listed: a {@code cidr:} table, by default
 * {@code /etc/postfix/quench-blocked-clients}. The path becomes a token of a restriction list and
 * of a master.cf {@code -o} value, where commas and white space separate tokens, so it is limited
 * to plain path characters.
 */
final class BlockMapPath {
    static final String DEFAULT = "/etc/postfix/quench-blocked-clients";

    private BlockMapPath() {
    }

    static String of(String module, StepArguments a) {
        String map = a.text("map");
        if (map == null) return DEFAULT;
        if (!map.matches("/[A-Za-z0-9._/-]+") || map.contains("/../") || map.endsWith("/..") || map.endsWith("/")) {
            throw new IllegalArgumentException(module + ": `map` must be an absolute file path of letters, digits and . _ - /,"
                    + " got '" + map + "'");
        }
        return map;
    }

    /** The restriction that consults the table: {@code check_client_access cidr:PATH}. */
    static List<String> restriction(String map) {
        return List.of("check_client_access", "cidr:" + map);
    }
}

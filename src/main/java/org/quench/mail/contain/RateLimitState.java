package org.quench.mail.contain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-transport rate delays ({@code TRANSPORT_destination_rate_delay}) of main.cf as
 * {@code postconf -n} shows them, each unset told apart from set, and the host's record of a rate
 * limit ({@value #PATH}): {@code PARAM=unset} or {@code PARAM=set:VALUE} per parameter the limit
 * changed, so {@code lift-rate-limit} restores exactly what was there.
 */
record RateLimitState(Map<String, MainCfSetting> previous, String delay) {
    static final String PATH = "/var/lib/quench/rate-limit-outbound.state";
    static final String SUFFIX = "_destination_rate_delay";
    private static final String HEADER = "# quench rate-limit-outbound: lift-rate-limit restores these main.cf parameters";

    RateLimitState {
        previous = Map.copyOf(previous);
    }

    static String parameter(String transport) {
        if (!transport.matches("[A-Za-z0-9_.-]+")) throw new IllegalArgumentException("'" + transport + "' is not a master.cf service name");
        return transport + SUFFIX;
    }

    /** {@code postconf -n P1 P2…}: the lines of the parameters that are set; the others are unset. */
    static Map<String, MainCfSetting> ofPostconfN(List<String> parameters, String stdout) {
        Map<String, MainCfSetting> out = new LinkedHashMap<>();
        parameters.forEach(p -> out.put(p, MainCfSetting.UNSET));
        for (String line : stdout.lines().toList()) {
            if (line.isBlank()) continue;
            int eq = line.indexOf(" =");
            String name = eq < 0 ? "" : line.substring(0, eq).strip();
            if (!out.containsKey(name)) throw new IllegalArgumentException("unexpected `postconf -n` output: " + line);
            out.put(name, new MainCfSetting(true, line.substring(eq + 2)));
        }
        return out;
    }

    static Map<String, MainCfSetting> ofArgument(Object arg) {
        if (!(arg instanceof Map<?, ?> m)) throw new IllegalArgumentException("expected {parameter: {set, value}}, got " + arg);
        Map<String, MainCfSetting> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), MainCfSetting.ofArgument(v)));
        return out;
    }

    static Map<String, Object> toMap(Map<String, MainCfSetting> settings) {
        Map<String, Object> m = new LinkedHashMap<>();
        settings.forEach((k, v) -> m.put(k, v.toMap()));
        return m;
    }

    String render() {
        StringBuilder s = new StringBuilder(HEADER).append("\ndelay=").append(delay).append('\n');
        new java.util.TreeMap<>(previous).forEach((k, v) -> s.append(k).append('=').append(v.set() ? "set:" + v.value() : "unset").append('\n'));
        return s.toString();
    }

    /** @throws IllegalArgumentException when the file is not one a rate limit wrote */
    static RateLimitState parse(String text) {
        Map<String, MainCfSetting> previous = new LinkedHashMap<>();
        String delay = null;
        for (String line : text.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) continue;
            int eq = line.indexOf('=');
            if (eq < 0) throw new IllegalArgumentException("unexpected line in " + PATH + ": " + line);
            String k = line.substring(0, eq);
            String v = line.substring(eq + 1);
            if (k.equals("delay")) {
                delay = v;
            } else if (k.endsWith(SUFFIX) && v.equals("unset")) {
                previous.put(k, MainCfSetting.UNSET);
            } else if (k.endsWith(SUFFIX) && v.startsWith("set:")) {
                previous.put(k, new MainCfSetting(true, v.substring(4)));
            } else {
                throw new IllegalArgumentException("unexpected line in " + PATH + ": " + line);
            }
        }
        if (delay == null || previous.isEmpty()) throw new IllegalArgumentException(PATH + " is not a rate-limit record");
        return new RateLimitState(previous, delay);
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("present", true);
        m.put("delay", delay);
        m.put("previous", toMap(previous));
        return m;
    }
}

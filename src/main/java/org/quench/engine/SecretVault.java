package org.quench.engine;

import java.security.SecureRandom;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every secret value of a run. Generated values come from SecureRandom; any value registered here
 * is masked in everything the run prints or records, whichever host produced it.
 */
public final class SecretVault {
    public static final String MASK = "********";
    // No quote, backslash, $ or whitespace: the password survives any later hook or CLI unchanged.
    private static final char[] ALPHABET =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_.,:+=@%".toCharArray();

    private final SecureRandom random = new SecureRandom();
    private final Set<String> values = ConcurrentHashMap.newKeySet();
    private final List<Revealed> toReveal = new CopyOnWriteArrayList<>();

    public record Revealed(String host, String name, String value) {
    }

    public String generate(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        String v = sb.toString();
        register(v);
        return v;
    }

    public void register(String value) {
        if (value != null && !value.isEmpty()) {
            values.add(value);
        }
    }

    /** Replaces every secret in {@code text}; longest first so overlapping secrets mask fully. */
    public String mask(String text) {
        if (text == null || values.isEmpty()) return text;
        String out = text;
        for (String v : values.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            if (out.contains(v)) out = out.replace(v, MASK);
        }
        return out;
    }

    /** True when a secret value would become visible inside {@code text} (e.g. a command line). */
    public boolean leaksInto(String text) {
        if (text == null) return false;
        for (String v : values) {
            if (text.contains(v)) return true;
        }
        return false;
    }

    public void markForReveal(String host, String name, String value) {
        for (Revealed r : toReveal) {
            if (r.host().equals(host) && r.name().equals(name)) return;
        }
        toReveal.add(new Revealed(host, name, value));
    }

    public List<Revealed> toReveal() {
        return List.copyOf(toReveal);
    }
}

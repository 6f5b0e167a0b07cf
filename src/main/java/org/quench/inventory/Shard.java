package org.quench.inventory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * {@code --shard K/N}: the K-th of N disjoint slices of the selected hosts, so N CI agents can
 * share a fleet. A host's slice depends only on its name and N (rendezvous hashing: the host goes
 * to the slice whose hash of "slice:name" is highest), never on the other hosts: adding or
 * removing a host moves no other host, and going from N to N+1 slices moves only about 1/(N+1) of
 * them. SHA-256 rather than String.hashCode: the same assignment on every JVM and agent.
 */
public record Shard(int index, int count) {

    public Shard {
        if (count < 1) throw new IllegalArgumentException("shard count must be at least 1");
        if (index < 1 || index > count) throw new IllegalArgumentException("shard " + index + " is outside 1.." + count);
    }

    /** Parses {@code K/N} (1-based K). */
    public static Shard parse(String text) {
        String t = text == null ? "" : text.strip();
        int slash = t.indexOf('/');
        if (slash <= 0 || slash == t.length() - 1) {
            throw new IllegalArgumentException("--shard takes K/N (e.g. 2/4), not '" + text + "'");
        }
        int k;
        int n;
        try {
            k = Integer.parseInt(t.substring(0, slash));
            n = Integer.parseInt(t.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--shard takes K/N with whole numbers (e.g. 2/4), not '" + text + "'");
        }
        if (n < 1) throw new IllegalArgumentException("--shard " + text + ": N must be at least 1");
        if (k < 1 || k > n) throw new IllegalArgumentException("--shard " + text + ": K must be between 1 and " + n);
        return new Shard(k, n);
    }

    /** Which slice (1-based) a host name belongs to among {@code count}. */
    public static int sliceOf(String hostName, int count) {
        int best = 1;
        long bestScore = Long.MIN_VALUE;
        for (int k = 1; k <= count; k++) {
            long score = score(k, hostName);
            if (score > bestScore) {
                bestScore = score;
                best = k;
            }
        }
        return best;
    }

    public boolean contains(String hostName) {
        return sliceOf(hostName, count) == index;
    }

    /** The hosts of this slice, in their original order. */
    public List<Host> select(List<Host> hosts) {
        return hosts.stream().filter(h -> contains(h.name())).toList();
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }

    private static long score(int slice, String name) {
        byte[] d = sha256(slice + ":" + name);
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (d[i] & 0xff);
        return v;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

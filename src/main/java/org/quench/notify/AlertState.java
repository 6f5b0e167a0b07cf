package org.quench.notify;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The findings last alerted, per channel, for one audit selection: a file under
 * {@code $QUENCH_HOME/alerts/} named by a hash of (runbook, inventory, host pattern), so
 * {@code -l mx1} and {@code -l all} on a schedule each compare with their own previous run. Per
 * channel, because a webhook that failed must be retried next run even when the email went out.
 * Written atomically (temp file + rename): a run killed mid-write leaves the previous state.
 */
public final class AlertState {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;
    private final String key;

    public AlertState(Path quenchHome, String runbook, String inventory, String pattern) {
        this.dir = quenchHome.resolve("alerts");
        this.key = hash(runbook + "\n" + inventory + "\n" + pattern);
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Path file(String channel) {
        return dir.resolve(key + "." + channel + ".json");
    }

    /** The last state this channel delivered; empty when it never did (everything failing is then new). */
    public Map<String, Set<String>> load(String channel) throws IOException {
        Path f = file(channel);
        if (!Files.exists(f)) return new LinkedHashMap<>();
        return JSON.readValue(f.toFile(), new TypeReference<LinkedHashMap<String, Set<String>>>() {
        });
    }

    public void save(String channel, Map<String, Set<String>> state) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, key, ".tmp");
        Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(state));
        Files.move(tmp, file(channel), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

package org.quench.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who and where a run came from, as far as the environment tells: the OS user (and the sudo
 * caller), this machine, the engineer's SSH client address, the CI job. Nothing is looked up
 * over the network (a run must not wait on DNS to record itself).
 */
public final class Origin {
    private Origin() {
    }

    public static String user() {
        return System.getProperty("user.name");
    }

    /** The person behind sudo, when there is one. */
    public static String realUser(Map<String, String> env) {
        return env.get("SUDO_USER");
    }

    public static Map<String, String> describe(Map<String, String> env) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("host", hostname(env));
        String ssh = env.get("SSH_CLIENT");
        if (ssh != null && !ssh.isBlank()) o.put("sshClient", ssh.strip().split("\\s+")[0]);
        // Jenkins, GitLab CI and systemd/cron (via quench schedule) each leave their own marks.
        copy(env, o, "BUILD_URL", "ciBuild");
        copy(env, o, "CI_JOB_URL", "ciBuild");
        copy(env, o, "JOB_NAME", "ciJob");
        copy(env, o, "BUILD_NUMBER", "ciBuildNumber");
        copy(env, o, "CI_PIPELINE_ID", "ciPipeline");
        return o;
    }

    private static void copy(Map<String, String> env, Map<String, String> out, String var, String key) {
        String v = env.get(var);
        if (v != null && !v.isBlank() && !out.containsKey(key)) out.put(key, v);
    }

    private static String hostname(Map<String, String> env) {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!h.isEmpty()) return h;
        } catch (IOException | RuntimeException ignored) {
            // not Linux: fall through
        }
        String h = env.get("HOSTNAME");
        return h == null || h.isBlank() ? "unknown" : h;
    }
}

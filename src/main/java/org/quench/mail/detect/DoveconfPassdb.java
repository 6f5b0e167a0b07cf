package org.quench.mail.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * The passdbs in {@code doveconf -n passdb} output. Dovecot 2.3 writes
 * {@code passdb { args = scheme=SHA512-CRYPT /etc/dovecot/users; driver = passwd-file }} (the file is
 * the one {@code args} token that is not an {@code option=value}); 2.4 writes
 * {@code passdb NAME { driver = passwd-file; passwd_file_path = /path }}. Several passdbs are
 * tried in order, so the first one is the one that matters for a password reset.
 */
record DoveconfPassdb(String driver, String passwdFile) {

    static List<DoveconfPassdb> parse(String doveconfOutput) {
        List<DoveconfPassdb> out = new ArrayList<>();
        String driver = null;
        String args = null;
        String path24 = null;
        int depth = 0;
        boolean inPassdb = false;
        for (String raw : doveconfOutput.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.endsWith("{")) {
                if (depth == 0 && (line.equals("passdb {") || line.startsWith("passdb "))) {
                    inPassdb = true;
                    driver = null;
                    args = null;
                    path24 = null;
                }
                depth++;
                continue;
            }
            if (line.equals("}")) {
                depth = Math.max(0, depth - 1);
                if (depth == 0 && inPassdb) {
                    inPassdb = false;
                    out.add(new DoveconfPassdb(driver, "passwd-file".equals(driver)
                            ? (path24 != null ? path24 : fileFromArgs(args)) : null));
                }
                continue;
            }
            if (!inPassdb || depth != 1) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            switch (key) {
                case "driver" -> driver = value;
                case "args" -> args = value;
                case "passwd_file_path" -> path24 = value;
                default -> { }
            }
        }
        return out;
    }

    /** {@code scheme=X username_format=%n /etc/dovecot/users} → the path token. */
    static String fileFromArgs(String args) {
        if (args == null) {
            return null;
        }
        for (String token : args.split("\\s+")) {
            if (!token.isEmpty() && token.indexOf('=') < 0) {
                return token;
            }
        }
        return null;
    }
}

package org.quench.incident;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a run record's commands.log (time, host, exit code, duration, command with \n escaped). */
public final class CommandLog {
    /** @param exitCode null when the command never finished (connection lost, timeout) */
    public record Entry(String time, String host, Integer exitCode, String duration, String command) {
    }

    private CommandLog() {
    }

    public static List<Entry> read(Path file) throws IOException {
        List<Entry> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) return out;
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split("\t", 5);
            if (f.length < 5) continue;
            Integer exit = f[2].matches("-?\\d+") ? Integer.valueOf(f[2]) : null;
            out.add(new Entry(f[0], f[1], exit, f[3], unescape(f[4])));
        }
        return out;
    }

    static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(n == 'n' ? '\n' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}

package org.quench.schedule;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a schedule's {@code run:} line into words the way a POSIX shell would for the simple
 * cases people write ({@code -l 'mx*'}, {@code -e "since=2h"}), and nothing more: no variables,
 * no globbing, no command substitution. The words go to quench directly, never through a shell,
 * so {@code $(...)} in a schedule stays literal text.
 */
public final class CommandWords {
    private CommandWords() {
    }

    /** @throws IllegalArgumentException on an unterminated quote or a trailing backslash */
    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) throw new IllegalArgumentException("unterminated ' quote at column " + (i + 1));
                cur.append(line, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                int j = i + 1;
                for (; j < line.length() && line.charAt(j) != '"'; j++) {
                    char d = line.charAt(j);
                    // Inside double quotes a backslash only escapes " \ $ `, as in sh.
                    if (d == '\\' && j + 1 < line.length() && "\"\\$`".indexOf(line.charAt(j + 1)) >= 0) d = line.charAt(++j);
                    cur.append(d);
                }
                if (j >= line.length()) throw new IllegalArgumentException("unterminated \" quote at column " + (i + 1));
                i = j;
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= line.length()) throw new IllegalArgumentException("trailing backslash");
                cur.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (inWord) words.add(cur.toString());
        return words;
    }
}

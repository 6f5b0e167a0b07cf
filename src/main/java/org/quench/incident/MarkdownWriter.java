package org.quench.incident;

import java.util.List;

/**
 * Writes a {@link Doc} as GitHub-flavoured Markdown. Every value is escaped: text from a run
 * (account names, HELO strings, log lines) is attacker-chosen, and Markdown viewers render inline
 * HTML, so {@code <} and {@code &} become entities and Markdown's own punctuation is
 * backslash-escaped. Commands go into code spans, whose content is never interpreted.
 */
public final class MarkdownWriter {
    private MarkdownWriter() {
    }

    public static String write(List<Doc> doc) {
        StringBuilder out = new StringBuilder();
        for (Doc block : doc) {
            if (block instanceof Doc.Heading h) {
                out.append("#".repeat(h.level())).append(' ').append(text(h.text())).append("\n\n");
            } else if (block instanceof Doc.Para p) {
                out.append(p.note() ? "_" + text(p.text()) + "_" : text(p.text())).append("\n\n");
            } else if (block instanceof Doc.Bullets b) {
                for (String item : b.items()) out.append("- ").append(text(item)).append('\n');
                out.append('\n');
            } else if (block instanceof Doc.Table t) {
                table(out, t);
            }
        }
        return out.toString();
    }

    private static void table(StringBuilder out, Doc.Table t) {
        out.append('|');
        for (String h : t.headers()) out.append(' ').append(cell(h)).append(" |");
        out.append("\n|");
        for (int i = 0; i < t.headers().size(); i++) out.append(" --- |");
        out.append('\n');
        for (List<String> row : t.rows()) {
            out.append('|');
            for (int i = 0; i < row.size(); i++) {
                String v = row.get(i);
                out.append(' ').append(t.codeCols().contains(i) && v != null && !v.isEmpty() ? code(v) : cell(v)).append(" |");
            }
            out.append('\n');
        }
        out.append('\n');
    }

    /** Text in running prose: no HTML, no accidental emphasis, links or headings, one line. */
    static String text(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (char c : oneLine(s).toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '\\', '`', '*', '_', '[', ']', '|', '#', '!', '~' -> b.append('\\').append(c);
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String cell(String s) {
        return s == null || s.isEmpty() ? " " : text(s);
    }

    /** A code span long enough not to be closed by backticks inside; a pipe is escaped for GFM tables. */
    private static String code(String s) {
        String v = oneLine(s).replace("|", "\\|");
        int longest = 0;
        int run = 0;
        for (char c : v.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        return fence + " " + v + " " + fence;
    }

    private static String oneLine(String s) {
        return s.replace("\r\n", " ⏎ ").replace('\n', ' ').replace('\r', ' ');
    }
}

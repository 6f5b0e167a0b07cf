package org.quench.incident;

import java.util.List;

/**
 * Writes a {@link Doc} as one self-contained HTML page: inline CSS, no scripts, no external
 * resources, so it can be attached to a delisting request or opened offline. Every value goes
 * through {@link #escape}. A Content-Security-Policy that forbids scripts is a second line of
 * defence should a value ever slip through unescaped.
 */
public final class HtmlWriter {
    private static final String CSS = """
            body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:2em auto;max-width:72em;color:#1b1f23;line-height:1.45;padding:0 1em}
            h1{font-size:1.6em;border-bottom:2px solid #c0392b;padding-bottom:.2em}
            h2{font-size:1.25em;margin-top:1.8em;border-bottom:1px solid #d0d7de;padding-bottom:.15em}
            h3{font-size:1.05em;margin-top:1.2em}
            table{border-collapse:collapse;margin:.6em 0 1em;font-size:.92em}
            th,td{border:1px solid #d0d7de;padding:.3em .6em;text-align:left;vertical-align:top}
            th{background:#f3f4f6}
            tr:nth-child(even) td{background:#fafbfc}
            td.code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em;word-break:break-all}
            p.note{color:#57606a;font-size:.9em}
            """;

    private HtmlWriter() {
    }

    public static String write(String title, List<Doc> doc) {
        StringBuilder out = new StringBuilder(8192);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        for (Doc block : doc) {
            if (block instanceof Doc.Heading h) {
                out.append("<h").append(h.level()).append('>').append(escape(h.text())).append("</h").append(h.level()).append(">\n");
            } else if (block instanceof Doc.Para p) {
                out.append(p.note() ? "<p class=\"note\">" : "<p>").append(escape(p.text())).append("</p>\n");
            } else if (block instanceof Doc.Bullets b) {
                out.append("<ul>\n");
                for (String item : b.items()) out.append("<li>").append(escape(item)).append("</li>\n");
                out.append("</ul>\n");
            } else if (block instanceof Doc.Table t) {
                table(out, t);
            }
        }
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    private static void table(StringBuilder out, Doc.Table t) {
        out.append("<table class=\"").append(escape(t.name())).append("\">\n<thead><tr>");
        for (String h : t.headers()) out.append("<th>").append(escape(h)).append("</th>");
        out.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : t.rows()) {
            out.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                out.append(t.codeCols().contains(i) ? "<td class=\"code\">" : "<td>").append(escape(row.get(i))).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    /** Text and attribute values: the five characters HTML gives meaning to. */
    public static String escape(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}

package org.quench.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rows of maps printed as an aligned table that fits a terminal: the first few scalar columns in
 * first-seen order (numbers right-aligned); a row's {@code reasons} list, when it has one, is
 * printed under it, because why something was flagged matters more than the remaining columns;
 * so are a {@code steps} list (what to do, e.g. delisting) and a {@code sample} text (a remote
 * server's reply: evidence to read whole). The JSON report keeps every column.
 */
final class TextTable {
    private static final int MAX_CELL = 40;
    private static final int MAX_COLUMNS = 7;
    private final List<Map<?, ?>> rows = new ArrayList<>();
    private final Set<String> columns = new LinkedHashSet<>();

    TextTable(Collection<?> rows) {
        for (Object r : rows) {
            if (r instanceof Map<?, ?> m) {
                this.rows.add(m);
                m.forEach((k, v) -> {
                    if (!(v instanceof Collection<?>) && !(v instanceof Map<?, ?>) && !"sample".equals(k) && columns.size() < MAX_COLUMNS) {
                        columns.add(String.valueOf(k));
                    }
                });
            }
        }
    }

    void print(PrintStream out, String indent) {
        List<String> cols = new ArrayList<>(columns);
        int[] width = new int[cols.size()];
        for (int i = 0; i < cols.size(); i++) {
            width[i] = cols.get(i).length();
            for (Map<?, ?> r : rows) width[i] = Math.max(width[i], cell(r.get(cols.get(i))).length());
        }
        StringBuilder head = new StringBuilder(indent);
        for (int i = 0; i < cols.size(); i++) head.append(String.format("%-" + width[i] + "s  ", cols.get(i)));
        out.println(head.toString().stripTrailing());
        for (Map<?, ?> r : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < cols.size(); i++) {
                Object v = r.get(cols.get(i));
                String fmt = v instanceof Number ? "%" + width[i] + "s  " : "%-" + width[i] + "s  ";
                line.append(String.format(fmt, cell(v)));
            }
            out.println(line.toString().stripTrailing());
            if (r.get("reasons") instanceof Collection<?> reasons) {
                for (Object why : reasons) out.println(indent + "  - " + why);
            }
            if (r.get("steps") instanceof Collection<?> steps) {
                int n = 1;
                for (Object s : steps) out.println(indent + "  " + n++ + ". " + s);
            }
            if (r.get("sample") instanceof String sample) out.println(indent + "  sample: " + sample.replace('\n', ' '));
        }
    }

    private static String cell(Object v) {
        String s = v == null ? "" : v instanceof Collection<?> c ? String.join(",", c.stream().map(String::valueOf).toList()) : String.valueOf(v);
        s = s.replace('\n', ' ');
        return s.length() > MAX_CELL ? s.substring(0, MAX_CELL - 1) + "…" : s;
    }
}

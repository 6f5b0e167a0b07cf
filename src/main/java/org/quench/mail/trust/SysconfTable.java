package org.quench.mail.trust;

/**
 * Reads one row of {@code bm-cli sysconf list}: an ASCII table with columns Attribute and Value
 * (BlueMind's SysconfListCommand prints it with the ascii-table library; its cells are separated by
 * {@code |}, or box-drawing bars in the fancy style, so both are accepted).
 */
final class SysconfTable {
    private SysconfTable() {
    }

    /** The Value cell of the row whose Attribute is {@code key}; null when there is no such row. */
    static String value(String table, String key) {
        for (String line : table.split("\n")) {
            String[] cells = line.strip().split("[|\u2502\u2551]");
            // "| key | value |" splits into "", " key ", " value "
            if (cells.length >= 3 && cells[1].strip().equals(key)) return cells[2].strip();
        }
        return null;
    }
}

package org.quench.report;

/**
 * Terminal colours, on only for a real terminal and never when NO_COLOR is set (no-color.org) or
 * TERM is dumb. Everything else gets plain text, so logs and CI consoles stay readable.
 */
public final class Style {
    private final boolean colour;

    public Style(boolean colour) {
        this.colour = colour;
    }

    public static Style detect() {
        boolean tty = System.console() != null;
        String noColor = System.getenv("NO_COLOR");
        String term = System.getenv("TERM");
        return new Style(tty && (noColor == null || noColor.isEmpty()) && !"dumb".equals(term));
    }

    public boolean enabled() {
        return colour;
    }

    public String green(String s) { return paint("32", s); }
    public String yellow(String s) { return paint("33", s); }
    public String red(String s) { return paint("31", s); }
    public String cyan(String s) { return paint("36", s); }
    public String bold(String s) { return paint("1", s); }
    public String dim(String s) { return paint("2", s); }

    public String status(String status) {
        return switch (status) {
            case "ok" -> green(status);
            case "changed", "planned", "findings" -> yellow(status);
            case "failed", "unstable" -> red(status);
            default -> status.startsWith("pending") ? yellow(status) : dim(status);
        };
    }

    private String paint(String code, String s) {
        return colour ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}

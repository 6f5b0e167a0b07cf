package org.quench.mail.trust;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a {@code mynetworks}-style value into networks with origins, following what Postfix
 * follows (postconf(5), mynetworks): tokens separated by commas and/or white space;
 * {@code $name} and {@code ${name}} (expanded with {@code postconf -hx}); {@code /file/name} (a file
 * of more patterns, {@code #} comments); {@code type:table} — {@code cidr:} tables and the text
 * source of {@code hash:}/{@code btree:}/{@code lmdb:}/{@code cdb:}/{@code dbm:}/{@code texthash:}
 * tables (keys are the networks; values do not matter to a match list); and {@code !pattern}
 * exclusions, which carry into everything they name. Anything else (ldap:, pcre:, { } blocks, a
 * file that cannot be read) becomes an {@link Unresolved}: reported, never guessed.
 */
public final class TrustListParser {
    private static final int MAX_DEPTH = 8;
    private static final Pattern VAR = Pattern.compile("\\$(?:([A-Za-z0-9_]+)|\\{([A-Za-z0-9_]+)})");
    private static final Pattern TABLE = Pattern.compile("([a-z][a-z0-9_]*):(.+)");
    /** Tables whose content is a text file of {@code KEY [VALUE]} lines quench can read. */
    private static final Set<String> KEYED_FILES = Set.of("hash", "btree", "lmdb", "cdb", "dbm", "sdbm", "texthash");
    /** Every other Postfix table type: known, but not listable from a file here. */
    private static final Set<String> OTHER_TABLES = Set.of("ldap", "mysql", "pgsql", "sqlite", "memcache", "tcp",
            "socketmap", "pcre", "regexp", "nis", "nisplus", "netinfo", "environ", "fail", "static", "inline",
            "internal", "randmap", "pipemap", "unionmap", "unix");

    private final TrustSources sources;
    private final List<TrustEntry> entries = new ArrayList<>();
    private final List<Unresolved> unresolved = new ArrayList<>();

    private TrustListParser(TrustSources sources) {
        this.sources = sources;
    }

    /** The parsed list: networks in Postfix's order, and what could not be listed. */
    public record Result(List<TrustEntry> entries, List<Unresolved> unresolved) {
        public Result {
            entries = List.copyOf(entries);
            unresolved = List.copyOf(unresolved);
        }
    }

    /**
     * @param value  the value as written (unexpanded: {@code $name} references are followed here, so
     *               each network keeps the name it came through)
     * @param origin where the value is written, e.g. {@code mynetworks in /etc/postfix/main.cf}
     */
    public static Result parse(String value, String origin, TrustSources sources) throws TrustReadException {
        TrustListParser p = new TrustListParser(sources);
        String withoutNames = value.replaceAll("\\$\\{[A-Za-z0-9_]+}", "");
        if (withoutNames.contains("{") || withoutNames.contains("}")) {
            p.unresolved.add(new Unresolved(value.strip(), origin, "uses { } syntax, which quench does not take apart"));
        } else {
            p.list(value, origin, false, 0);
        }
        return new Result(p.entries, p.unresolved);
    }

    /** The tokens of a list value: Postfix splits on commas and white space. */
    static List<String> tokens(String value) {
        List<String> out = new ArrayList<>();
        for (String t : value.strip().split("[,\\s]+")) if (!t.isEmpty()) out.add(t);
        return out;
    }

    private void list(String value, String origin, boolean negated, int depth) throws TrustReadException {
        for (String token : tokens(value)) token(token, origin, negated, depth);
    }

    private void token(String raw, String origin, boolean negated, int depth) throws TrustReadException {
        if (depth > MAX_DEPTH) {
            unresolved.add(new Unresolved(raw, origin, "references nested more than " + MAX_DEPTH + " deep"));
            return;
        }
        boolean neg = negated;
        String t = raw;
        while (t.startsWith("!")) {
            neg = !neg;
            t = t.substring(1);
        }
        Matcher var = VAR.matcher(t);
        if (var.matches()) {
            String name = var.group(1) != null ? var.group(1) : var.group(2);
            String expanded = sources.parameter(name);
            if (expanded == null) unresolved.add(new Unresolved(raw, origin, "$" + name + " is not a Postfix parameter"));
            else list(expanded, origin + " via $" + name, neg, depth + 1);
            return;
        }
        if (t.contains("$")) {
            unresolved.add(new Unresolved(raw, origin, "a $ expression quench does not expand"));
            return;
        }
        if (t.startsWith("/")) {
            file(raw, t, origin, neg, depth);
            return;
        }
        if (t.indexOf(':') >= 0 && !t.startsWith("[") && Cidr.isLiteral(t)) {
            // Postfix reads an unbracketed IPv6 address in a list as type:table and fails
            unresolved.add(new Unresolved(raw, origin, "an IPv6 address must be written in brackets in mynetworks ([" + t
                    + "]); Postfix reads this as a table"));
            return;
        }
        Matcher table = TABLE.matcher(t);
        if (table.matches()) {
            table(raw, table.group(1), table.group(2), origin, neg, depth);
            return;
        }
        try {
            entries.add(new TrustEntry(Cidr.parse(t), neg, origin));
        } catch (IllegalArgumentException e) {
            unresolved.add(new Unresolved(raw, origin, e.getMessage()));
        }
    }

    /** A {@code /file/name}: more patterns, one or more a line, {@code #} starts a comment line. */
    private void file(String raw, String path, String origin, boolean neg, int depth) throws TrustReadException {
        String content = sources.file(path);
        if (content == null) {
            unresolved.add(new Unresolved(raw, origin, "cannot read " + path));
            return;
        }
        int n = 0;
        for (String line : content.split("\n", -1)) {
            n++;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) continue;
            list(s, path + ":" + n + " (named by " + origin + ")", neg, depth + 1);
        }
    }

    private void table(String raw, String type, String name, String origin, boolean neg, int depth) throws TrustReadException {
        if (type.equals("proxy") || type.equals("proxywrite")) {
            Matcher inner = TABLE.matcher(name);
            if (inner.matches()) {
                table(raw, inner.group(1), inner.group(2), origin, neg, depth);
                return;
            }
        }
        String kind = type + ":" + name;
        if (!type.equals("cidr") && !KEYED_FILES.contains(type)) {
            unresolved.add(new Unresolved(raw, origin, OTHER_TABLES.contains(type)
                    ? "a " + type + ": table cannot be listed; quench cannot tell which clients it trusts"
                    : "unknown table type " + type + ":"));
            return;
        }
        if (!name.startsWith("/")) {
            unresolved.add(new Unresolved(raw, origin, kind + " is not an absolute path"));
            return;
        }
        String content = sources.file(name);
        if (content == null) {
            unresolved.add(new Unresolved(raw, origin, "cannot read " + name
                    + (type.equals("cidr") || type.equals("texthash") ? "" : " (the text source of the " + type + ": table)")));
            return;
        }
        int n = 0;
        for (String line : content.split("\n", -1)) {
            n++;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) continue;
            String key = s.split("\\s+", 2)[0];
            String where = kind + " line " + n + " (named by " + origin + ")";
            boolean keyNeg = neg;
            if (type.equals("cidr") && key.startsWith("!")) {
                // cidr tables accept "!pattern result": the result applies to what does NOT match
                unresolved.add(new Unresolved(s, where, "a negated cidr rule matches everything outside it"));
                continue;
            }
            if (type.equals("cidr") && (key.equalsIgnoreCase("if") || key.equalsIgnoreCase("endif"))) {
                unresolved.add(new Unresolved(s, where, "cidr if/endif blocks are not followed"));
                continue;
            }
            try {
                entries.add(new TrustEntry(Cidr.parse(key), keyNeg, where));
            } catch (IllegalArgumentException e) {
                unresolved.add(new Unresolved(key, where, e.getMessage()));
            }
            if (depth > MAX_DEPTH) return;
        }
    }
}

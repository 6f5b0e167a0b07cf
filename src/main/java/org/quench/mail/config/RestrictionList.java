package org.quench.mail.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Postfix restriction list ({@code smtpd_client_restrictions} and the like) as its tokens.
 * Postfix splits these lists on commas and white space, and a restriction that takes a table
 * ({@code check_client_access cidr:/etc/postfix/x}) is simply the next token, so lists are edited
 * as token sequences: prepending or removing such a pair never disturbs the rest, whatever
 * separators the administrator used.
 *
 * <p>Values with braces ({@code { … }}, Postfix 3.0 grouping, e.g. a policy service with options)
 * are refused rather than re-tokenised: splitting inside the braces would change their meaning.
 */
public final class RestrictionList {
    private final List<String> tokens;

    private RestrictionList(List<String> tokens) {
        this.tokens = List.copyOf(tokens);
    }

    public static RestrictionList parse(String value) {
        if (value.contains("{") || value.contains("}")) {
            throw new IllegalArgumentException("the restriction list uses { } grouping, which quench does not rewrite: " + value);
        }
        String v = value.strip();
        return new RestrictionList(v.isEmpty() ? List.of() : Arrays.asList(v.split("[,\\s]+")));
    }

    public List<String> tokens() {
        return tokens;
    }

    /** Whether the list begins with these tokens, so they are evaluated before any permit. */
    public boolean startsWith(List<String> head) {
        return tokens.size() >= head.size() && tokens.subList(0, head.size()).equals(head);
    }

    public boolean contains(List<String> pair) {
        return indexOf(pair) >= 0;
    }

    /**
     * This list with {@code head} first: other occurrences are removed (a block placed after a
     * {@code permit_…} would never be reached, so it moves to the front), everything else keeps
     * its order.
     */
    public RestrictionList withFirst(List<String> head) {
        List<String> out = new ArrayList<>(head);
        out.addAll(without(head).tokens);
        return new RestrictionList(out);
    }

    /** This list without any occurrence of the consecutive tokens {@code pair}. */
    public RestrictionList without(List<String> pair) {
        List<String> out = new ArrayList<>(tokens);
        for (int i = indexOf(out, pair); i >= 0; i = indexOf(out, pair)) {
            out.subList(i, i + pair.size()).clear();
        }
        return new RestrictionList(out);
    }

    /** The main.cf form: tokens separated by {@code ", "}. */
    public String mainCfValue() {
        return String.join(", ", tokens);
    }

    /** The master.cf {@code -o} form: no white space allowed ({@code postconf -P} refuses it), so commas only. */
    public String masterCfValue() {
        return String.join(",", tokens);
    }

    private int indexOf(List<String> pair) {
        return indexOf(tokens, pair);
    }

    private static int indexOf(List<String> list, List<String> pair) {
        for (int i = 0; i + pair.size() <= list.size(); i++) {
            if (list.subList(i, i + pair.size()).equals(pair)) return i;
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RestrictionList r && r.tokens.equals(tokens);
    }

    @Override
    public int hashCode() {
        return tokens.hashCode();
    }

    @Override
    public String toString() {
        return mainCfValue();
    }
}

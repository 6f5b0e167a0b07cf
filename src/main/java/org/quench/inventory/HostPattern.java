package org.quench.inventory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Ansible host patterns, as given to {@code -l}.
 *
 * <ul>
 *   <li>{@code all} or {@code *}: every host</li>
 *   <li>a host name or a group name (a group brings its child groups' hosts)</li>
 *   <li>a glob over host and group names: {@code mx*}, {@code 127.0.1.*}, {@code mx[12]}</li>
 *   <li>{@code ~regex} (Ansible's regex form), matched against host and group names</li>
 *   <li>terms separated by {@code ,} (or {@code :} when there is no comma): unions;
 *       {@code &group} intersects; {@code !name} excludes</li>
 * </ul>
 * As in Ansible, the plain terms are united first, then the {@code &} terms intersect the result,
 * then the {@code !} terms are removed, whatever their place in the pattern.
 *
 * <p>Stricter than Ansible on purpose: a term that matches nothing is an error, not a warning. In a
 * remediation tool a typo in {@code !mx1-prod} must not silently include the host it meant to spare.
 */
final class HostPattern {
    private final String pattern;

    HostPattern(String pattern) {
        this.pattern = pattern == null ? "" : pattern.trim();
    }

    Set<String> resolve(Inventory inv) throws HostPatternException {
        List<String> terms = split(pattern);
        if (terms.isEmpty()) throw new HostPatternException("empty host pattern: give a host, a group, a glob or 'all'");
        Set<String> union = new LinkedHashSet<>();
        List<Set<String>> intersections = new ArrayList<>();
        List<Set<String>> exclusions = new ArrayList<>();
        boolean anyPlain = false;
        for (String term : terms) {
            if (term.startsWith("&")) {
                intersections.add(match(term.substring(1), inv));
            } else if (term.startsWith("!")) {
                exclusions.add(match(term.substring(1), inv));
            } else {
                anyPlain = true;
                union.addAll(match(term, inv));
            }
        }
        // "!mx1" alone means "all but mx1", as in Ansible.
        Set<String> result = anyPlain ? union : inv.hostNames();
        intersections.forEach(result::retainAll);
        exclusions.forEach(result::removeAll);
        if (result.isEmpty()) {
            throw new HostPatternException("host pattern '" + pattern + "' selects no host (each part matches, but the "
                    + "intersections and exclusions leave nothing)");
        }
        return result;
    }

    private static List<String> split(String pattern) {
        String sep = pattern.contains(",") ? "," : ":";
        return Stream.of(pattern.split(sep)).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private Set<String> match(String term, Inventory inv) throws HostPatternException {
        Set<String> out = new LinkedHashSet<>();
        if (term.equals("all") || term.equals("*")) {
            out.addAll(inv.hostNames());
            return out;
        }
        Pattern re = null;
        if (term.startsWith("~")) {
            try {
                re = Pattern.compile(term.substring(1));
            } catch (PatternSyntaxException e) {
                throw new HostPatternException("host pattern '" + pattern + "': bad regex '" + term + "': " + e.getDescription());
            }
        } else if (term.matches(".*[*?\\[].*")) {
            re = globToRegex(term);
        }
        if (re == null) {
            if (inv.host(term).isPresent()) out.add(term);
            out.addAll(inv.groupHosts(term));
        } else {
            for (String h : inv.hostNames()) if (re.matcher(h).matches()) out.add(h);
            for (String g : inv.groups()) if (re.matcher(g).matches()) out.addAll(inv.groupHosts(g));
        }
        if (out.isEmpty()) {
            throw new HostPatternException(noMatchMessage(term, inv));
        }
        return out;
    }

    private String noMatchMessage(String term, Inventory inv) {
        String where = inv.source() == null ? "the inventory" : inv.source().toString();
        boolean isGroup = inv.groups().contains(term);
        StringBuilder msg = new StringBuilder();
        if (isGroup) {
            msg.append("group '").append(term).append("' in host pattern '").append(pattern).append("' has no hosts in ").append(where);
        } else {
            msg.append("'").append(term).append("' in host pattern '").append(pattern)
                    .append("' matches no host or group in ").append(where);
        }
        List<String> close = closeNames(term, inv);
        if (!close.isEmpty()) msg.append("; did you mean: ").append(String.join(", ", close)).append('?');
        else msg.append("; run 'quench inventory' to list hosts and groups");
        return msg.toString();
    }

    private static List<String> closeNames(String term, Inventory inv) {
        String t = term.replaceAll("[*?\\[\\]~]", "").toLowerCase();
        List<String> candidates = new ArrayList<>(inv.hostNames());
        candidates.addAll(inv.groups());
        int limit = Math.max(2, t.length() / 3);
        return candidates.stream().distinct()
                .filter(c -> !t.isEmpty() && (editDistance(t, c.toLowerCase()) <= limit
                        || c.toLowerCase().startsWith(t) || c.toLowerCase().contains(t)))
                .sorted(Comparator.comparingInt(c -> editDistance(t, c.toLowerCase())))
                .limit(5).toList();
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] tmp = prev;
            prev = cur;
            cur = tmp;
        }
        return prev[b.length()];
    }

    /** Shell-style glob: {@code *}, {@code ?}, {@code [abc]}; everything else literal. */
    private static Pattern globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '[' -> {
                    int end = glob.indexOf(']', i + 1);
                    if (end < 0) {
                        re.append("\\[");
                    } else {
                        String body = glob.substring(i + 1, end).replace("\\", "\\\\");
                        if (body.startsWith("!")) body = "^" + body.substring(1);
                        re.append('[').append(body).append(']');
                        i = end;
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}

package org.quench.mail.contain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The content of the cidr table of blocked clients: one {@code ADDRESS[/PREFIX] REJECT text} line
 * per client. Lines quench did not write (comments, other actions, hand-made entries) are kept as
 * they are; entries are compared by address, not text, so {@code 2001:db8::1} and
 * {@code 2001:DB8:0::1} are the same client.
 */
final class BlockedClientsMap {
    static final String HEADER = "# Clients refused by Postfix (check_client_access). Written by quench postfix.block-clients;"
            + " remove entries with postfix.unblock-clients.";

    private final List<String> lines;

    private BlockedClientsMap(List<String> lines) {
        this.lines = List.copyOf(lines);
    }

    /** @param content the file's content; null when it does not exist */
    static BlockedClientsMap parse(String content) {
        return new BlockedClientsMap(content == null ? List.of() : content.lines().toList());
    }

    /** Every entry the table holds: network → its action and text ({@code REJECT …}). */
    Map<ClientNetwork, String> entries() {
        Map<ClientNetwork, String> out = new LinkedHashMap<>();
        for (String line : lines) {
            ClientNetwork n = key(line);
            if (n != null) out.putIfAbsent(n, value(line));
        }
        return out;
    }

    /** The table with a {@code REJECT reason} entry for each network not already in it. */
    BlockedClientsMap adding(List<ClientNetwork> networks, String reason) {
        List<String> out = new ArrayList<>(lines);
        if (out.isEmpty()) out.add(HEADER);
        Map<ClientNetwork, String> present = entries();
        for (ClientNetwork n : networks) {
            if (!present.containsKey(n)) {
                out.add(n.text() + " REJECT " + reason);
                present.put(n, "REJECT " + reason);
            }
        }
        return new BlockedClientsMap(out);
    }

    /** The table without the entries for these networks (every line with that key). */
    BlockedClientsMap removing(List<ClientNetwork> networks) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            ClientNetwork n = key(line);
            if (n == null || !networks.contains(n)) out.add(line);
        }
        return new BlockedClientsMap(out);
    }

    String content() {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    private static ClientNetwork key(String line) {
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) return null;
        String first = s.split("\\s+", 2)[0];
        try {
            return ClientNetwork.parse(first);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String value(String line) {
        String[] parts = line.strip().split("\\s+", 2);
        return parts.length < 2 ? "" : parts[1];
    }
}

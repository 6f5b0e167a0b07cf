package org.quench.inventory;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A loaded inventory: hosts in the order they were first written, and the groups they form. */
public final class Inventory {
    private final Path source;
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final Map<String, Set<String>> groupMembers;
    private final List<String> warnings;

    Inventory(Path source, List<Host> hosts, Map<String, Set<String>> groupMembers, List<String> warnings) {
        this.source = source;
        hosts.forEach(h -> this.hosts.put(h.name(), h));
        this.groupMembers = Collections.unmodifiableMap(groupMembers);
        this.warnings = List.copyOf(warnings);
    }

    /** Where it was loaded from (file or directory). */
    public Path source() {
        return source;
    }

    public Collection<Host> hosts() {
        return Collections.unmodifiableCollection(hosts.values());
    }

    public Optional<Host> host(String name) {
        return Optional.ofNullable(hosts.get(name));
    }

    /** Every group name, including {@code all} and {@code ungrouped}. */
    public Set<String> groups() {
        return Collections.unmodifiableSet(groupMembers.keySet());
    }

    /** Names of the hosts in a group, its child groups included, in inventory order. */
    public Set<String> groupHosts(String group) {
        Set<String> m = groupMembers.get(group);
        return m == null ? Set.of() : Collections.unmodifiableSet(m);
    }

    /** Things that do not stop loading but the engineer should know (ignored ssh options, unused var files). */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * The hosts an Ansible pattern selects, in inventory order. See {@link HostPattern} for the syntax.
     *
     * @throws HostPatternException when the pattern, or any part of it, matches nothing
     */
    public List<Host> select(String pattern) throws HostPatternException {
        Set<String> names = new HostPattern(pattern).resolve(this);
        return hosts.values().stream().filter(h -> names.contains(h.name())).toList();
    }

    Set<String> hostNames() {
        return new LinkedHashSet<>(hosts.keySet());
    }
}

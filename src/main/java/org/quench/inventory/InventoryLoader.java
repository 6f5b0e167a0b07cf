package org.quench.inventory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.quench.runbook.SourcePos;

/**
 * Reads an inventory in Ansible's YAML format, so an existing Ansible inventory works as is.
 *
 * <p>Accepted: a file ({@code all:} with {@code hosts:}, {@code vars:}, {@code children:} nested to
 * any depth; other top-level groups become children of {@code all}; host ranges such as
 * {@code mx[01:09]}), or a directory holding {@code hosts.yml} (or {@code hosts.yaml}). Next to the
 * hosts file, {@code group_vars/NAME.yml} and {@code host_vars/NAME.yml} (or a {@code NAME/}
 * directory of such files) add variables, as in Ansible.
 *
 * <p>Variable precedence, lowest first: {@code all} &lt; groups by depth (a parent before its
 * child; groups at the same depth in alphabetical order, the later name winning) &lt; host vars.
 * A group's depth is its longest path from {@code all}, as Ansible computes it. Within one group,
 * {@code group_vars/NAME.yml} overrides the vars written inline; {@code host_vars/NAME.yml}
 * overrides inline host vars. A host listed in several places merges its vars, the last one
 * written winning. Values replace, dictionaries are not merged (Ansible's default).
 *
 * <p>Every problem is collected, with its file:line:col, before failing.
 */
public final class InventoryLoader {
    private static final Set<String> GROUP_KEYS = Set.of("hosts", "vars", "children");

    private final List<InventoryException.Problem> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, GroupDef> groups = new LinkedHashMap<>();
    private final Map<String, HostDef> hosts = new LinkedHashMap<>();

    private static final class GroupDef {
        final String name;
        final Map<String, Object> vars = new LinkedHashMap<>();
        final Set<String> hosts = new LinkedHashSet<>();
        /** child name → where the edge was written (for cycle messages). */
        final Map<String, SourcePos> children = new LinkedHashMap<>();
        final Set<String> parents = new LinkedHashSet<>();

        GroupDef(String name) {
            this.name = name;
        }
    }

    private static final class HostDef {
        final String name;
        final Map<String, Object> vars = new LinkedHashMap<>();
        final Set<String> directGroups = new LinkedHashSet<>();

        HostDef(String name) {
            this.name = name;
        }
    }

    private InventoryLoader() {}

    public static Inventory load(Path path) throws InventoryException {
        return new InventoryLoader().run(path);
    }

    private Inventory run(Path path) throws InventoryException {
        Path hostsFile = path;
        if (Files.isDirectory(path)) {
            hostsFile = Stream.of("hosts.yml", "hosts.yaml").map(path::resolve).filter(Files::isRegularFile)
                    .findFirst().orElse(null);
            if (hostsFile == null) {
                fail(new SourcePos(path.toString(), 0, 0), "no hosts.yml in this inventory directory");
            }
        } else if (!Files.isRegularFile(path)) {
            fail(new SourcePos(path.toString(), 0, 0), "inventory not found");
        }
        groups.put("all", new GroupDef("all"));
        YamlNode root = new YamlTreeReader(hostsFile.toString(), problems).read(hostsFile);
        if (problems.isEmpty()) readRoot(hostsFile, root);

        Path base = Files.isDirectory(path) ? path : hostsFile.toAbsolutePath().getParent();
        readVarsDir(base.resolve("group_vars"), true);
        readVarsDir(base.resolve("host_vars"), false);

        addUngrouped();
        breakCycles();
        if (!problems.isEmpty()) throw new InventoryException(problems);
        return build(path);
    }

    private void fail(SourcePos pos, String message) throws InventoryException {
        problems.add(new InventoryException.Problem(pos, message));
        throw new InventoryException(problems);
    }

    private void problem(SourcePos pos, String message) {
        problems.add(new InventoryException.Problem(pos, message));
    }

    // ---- the hosts file -------------------------------------------------------------------

    private void readRoot(Path file, YamlNode root) {
        if (YamlNode.isNull(root)) {
            problem(new SourcePos(file.toString(), 1, 1), "the inventory is empty: expected 'all:' with hosts, vars or children");
            return;
        }
        if (!(root instanceof YamlNode.Mapping top)) {
            problem(root.pos(), "expected a mapping of groups at the top ('all:' …), not " + root.kind()
                    + " — quench reads Ansible's YAML inventory format, not INI");
            return;
        }
        for (YamlNode.Entry e : top.entries().values()) {
            if (GROUP_KEYS.contains(e.key())) {
                problem(e.keyPos(), "'" + e.key() + ":' at the top level must be inside a group: write 'all:' and indent '"
                        + e.key() + ":' under it");
                continue;
            }
            readGroup(e.key(), e.keyPos(), e.value(), e.key().equals("all") ? null : "all");
        }
    }

    private void readGroup(String name, SourcePos keyPos, YamlNode node, String parent) {
        GroupDef group = groups.computeIfAbsent(name, GroupDef::new);
        if (parent != null) {
            groups.get(parent).children.putIfAbsent(name, keyPos);
            group.parents.add(parent);
        }
        if (YamlNode.isNull(node)) return;
        if (!(node instanceof YamlNode.Mapping m)) {
            problem(node.pos(), "group '" + name + "' must be a mapping with hosts, vars or children, not " + node.kind());
            return;
        }
        for (YamlNode.Entry e : m.entries().values()) {
            switch (e.key()) {
                case "hosts" -> readHosts(group, e.value());
                case "vars" -> readVars(group.vars, e.value(), "vars of group '" + name + "'");
                case "children" -> readChildren(group, e.value());
                default -> problem(e.keyPos(), "unknown key '" + e.key() + "' in group '" + name
                        + "' (expected hosts, vars or children)");
            }
        }
    }

    private void readChildren(GroupDef group, YamlNode node) {
        if (YamlNode.isNull(node)) return;
        if (!(node instanceof YamlNode.Mapping m)) {
            problem(node.pos(), "children of group '" + group.name + "' must be a mapping of group names, not " + node.kind());
            return;
        }
        for (YamlNode.Entry e : m.entries().values()) {
            readGroup(e.key(), e.keyPos(), e.value(), group.name);
        }
    }

    private void readHosts(GroupDef group, YamlNode node) {
        if (YamlNode.isNull(node)) return;
        if (!(node instanceof YamlNode.Mapping m)) {
            problem(node.pos(), "hosts of group '" + group.name + "' must be a mapping of host names (each followed by ':'), not "
                    + node.kind());
            return;
        }
        for (YamlNode.Entry e : m.entries().values()) {
            List<String> names;
            try {
                names = HostRange.expand(e.key());
            } catch (IllegalArgumentException ex) {
                problem(e.keyPos(), "host '" + e.key() + "': " + ex.getMessage());
                continue;
            }
            Map<String, Object> vars = new LinkedHashMap<>();
            YamlNode value = e.value();
            if (!YamlNode.isNull(value) && !(value instanceof YamlNode.Mapping)) {
                problem(value.pos(), "host '" + e.key() + "' must have no value or a mapping of variables, not " + value.kind());
            } else {
                readVars(vars, value, "vars of host '" + e.key() + "'");
            }
            for (String name : names) {
                HostDef host = hosts.computeIfAbsent(name, HostDef::new);
                host.vars.putAll(vars);
                host.directGroups.add(group.name);
                group.hosts.add(name);
            }
        }
    }

    private void readVars(Map<String, Object> target, YamlNode node, String what) {
        if (YamlNode.isNull(node)) return;
        if (!(node instanceof YamlNode.Mapping m)) {
            problem(node.pos(), what + " must be a mapping of name: value, not " + node.kind());
            return;
        }
        for (YamlNode.Entry e : m.entries().values()) {
            KnownHostVars.check(e.key(), e.value(),
                    msg -> problem(e.value().pos(), msg),
                    msg -> warnings.add(e.keyPos() + ": " + msg));
            target.put(e.key(), e.value().toJava());
        }
    }

    // ---- group_vars/ and host_vars/ ---------------------------------------------------------

    private void readVarsDir(Path dir, boolean forGroups) {
        if (!Files.isDirectory(dir)) return;
        Map<String, List<Path>> byName = new LinkedHashMap<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.sorted().toList()) {
                String file = p.getFileName().toString();
                if (file.startsWith(".")) continue;
                if (Files.isDirectory(p)) {
                    try (Stream<Path> inner = Files.list(p)) {
                        byName.computeIfAbsent(file, k -> new ArrayList<>())
                                .addAll(inner.filter(InventoryLoader::isYamlFile).sorted().toList());
                    }
                } else if (isYamlFile(p) || !file.contains(".")) {
                    byName.computeIfAbsent(file.replaceFirst("\\.ya?ml$", ""), k -> new ArrayList<>()).add(p);
                }
            }
        } catch (IOException e) {
            problem(new SourcePos(dir.toString(), 0, 0), "cannot read: " + e.getMessage());
            return;
        }
        byName.forEach((name, files) -> {
            Map<String, Object> target;
            if (forGroups) {
                GroupDef g = groups.get(name);
                target = g == null ? null : g.vars;
            } else {
                HostDef h = hosts.get(name);
                target = h == null ? null : h.vars;
            }
            if (target == null) {
                warnings.add(dir.resolve(name) + ": no " + (forGroups ? "group" : "host") + " '" + name
                        + "' in the inventory; these variables are unused");
                return;
            }
            for (Path f : files) {
                YamlNode root = new YamlTreeReader(f.toString(), problems).read(f);
                readVars(target, root, f.getFileName() + " (" + (forGroups ? "group" : "host") + " '" + name + "')");
            }
        });
    }

    private static boolean isYamlFile(Path p) {
        String n = p.getFileName().toString();
        return Files.isRegularFile(p) && (n.endsWith(".yml") || n.endsWith(".yaml"));
    }

    // ---- the group graph ---------------------------------------------------------------------

    /** Hosts that belong to no group but {@code all} form {@code ungrouped}, as in Ansible. */
    private void addUngrouped() {
        GroupDef ungrouped = groups.computeIfAbsent("ungrouped", GroupDef::new);
        if (ungrouped.parents.isEmpty()) {
            groups.get("all").children.putIfAbsent("ungrouped", SourcePos.UNKNOWN);
            ungrouped.parents.add("all");
        }
        for (HostDef h : hosts.values()) {
            if (h.directGroups.size() == 1 && h.directGroups.contains("all")) {
                h.directGroups.add("ungrouped");
                ungrouped.hosts.add(h.name);
            }
        }
    }

    /** Reports each cycle in {@code children} where it closes, then cuts that edge so loading can go on. */
    private void breakCycles() {
        Map<String, Integer> state = new HashMap<>(); // 1 = on the current path, 2 = done
        for (String g : new ArrayList<>(groups.keySet())) {
            visit(g, state, new ArrayList<>());
        }
    }

    private void visit(String name, Map<String, Integer> state, List<String> path) {
        Integer s = state.get(name);
        if (s != null) return;
        state.put(name, 1);
        path.add(name);
        GroupDef g = groups.get(name);
        for (Map.Entry<String, SourcePos> edge : new ArrayList<>(g.children.entrySet())) {
            String child = edge.getKey();
            Integer cs = state.get(child);
            if (cs != null && cs == 1) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(child), path.size()));
                cycle.add(child);
                problem(edge.getValue(), "cycle in children: " + String.join(" → ", cycle));
                g.children.remove(child);
                groups.get(child).parents.remove(name);
            } else {
                visit(child, state, path);
            }
        }
        path.remove(path.size() - 1);
        state.put(name, 2);
    }

    private int depth(String group, Map<String, Integer> memo) {
        Integer d = memo.get(group);
        if (d != null) return d;
        int depth = 0;
        for (String parent : groups.get(group).parents) {
            depth = Math.max(depth, depth(parent, memo) + 1);
        }
        memo.put(group, depth);
        return depth;
    }

    private Set<String> withAncestors(Set<String> direct) {
        Set<String> out = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(direct);
        while (!todo.isEmpty()) {
            String g = todo.remove(todo.size() - 1);
            if (out.add(g)) todo.addAll(groups.get(g).parents);
        }
        out.add("all");
        return out;
    }

    private Inventory build(Path source) {
        Map<String, Integer> depths = new HashMap<>();
        Comparator<String> precedence = Comparator.<String>comparingInt(g -> depth(g, depths))
                .thenComparing(Comparator.naturalOrder());
        List<Host> built = new ArrayList<>();
        Map<String, Set<String>> members = new LinkedHashMap<>();
        groups.keySet().forEach(g -> members.put(g, new LinkedHashSet<>()));
        for (HostDef h : hosts.values()) {
            List<String> ordered = withAncestors(h.directGroups).stream().sorted(precedence).toList();
            Map<String, Object> vars = new LinkedHashMap<>();
            for (String g : ordered) {
                vars.putAll(groups.get(g).vars);
                members.get(g).add(h.name);
            }
            vars.putAll(h.vars);
            List<String> names = ordered.stream().filter(g -> !g.equals("all")).toList();
            built.add(new Host(h.name, java.util.Collections.unmodifiableMap(vars), names));
        }
        return new Inventory(source, built, members, warnings);
    }
}

package org.quench.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.quench.runbook.SourcePos;

/**
 * A YAML value that remembers where it was written. Jackson's {@code JsonNode} drops token
 * locations, and every inventory error must say file:line:col, so the loader works on this tree.
 */
sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Mapping, YamlNode.Sequence {

    SourcePos pos();

    /** Plain Java value: String, Integer/Long, Double, Boolean, null, List or Map (insertion order). */
    Object toJava();

    /** What kind of YAML value this is, in words an inventory author understands. */
    String kind();

    record Scalar(Object value, SourcePos pos) implements YamlNode {
        @Override
        public Object toJava() {
            return value;
        }

        @Override
        public String kind() {
            if (value == null) return "an empty value";
            if (value instanceof String) return "a string";
            if (value instanceof Boolean) return "a boolean";
            return "a number";
        }
    }

    record Entry(String key, SourcePos keyPos, YamlNode value) {}

    record Mapping(Map<String, Entry> entries, SourcePos pos) implements YamlNode {
        @Override
        public Object toJava() {
            Map<String, Object> out = new LinkedHashMap<>();
            entries.forEach((k, e) -> out.put(k, e.value().toJava()));
            return out;
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    record Sequence(List<YamlNode> items, SourcePos pos) implements YamlNode {
        @Override
        public Object toJava() {
            List<Object> out = new ArrayList<>(items.size());
            items.forEach(i -> out.add(i.toJava()));
            return out;
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    static boolean isNull(YamlNode n) {
        return n == null || (n instanceof Scalar s && s.value() == null);
    }
}

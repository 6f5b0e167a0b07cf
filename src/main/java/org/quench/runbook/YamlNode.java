package org.quench.runbook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML value with the position it was written at, so every validation error can point to it. */
public sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {
    SourcePos pos();

    /** How a scalar was written: affects where text inside it sits in the file. */
    enum Style { PLAIN, QUOTED, BLOCK }

    /** A key and its value; {@code keyPos} is where the key is written. */
    record Entry(String key, SourcePos keyPos, YamlNode value) {
    }

    record Mapping(LinkedHashMap<String, Entry> entries, SourcePos pos) implements YamlNode {
        public YamlNode get(String key) {
            Entry e = entries.get(key);
            return e == null ? null : e.value();
        }

        public boolean has(String key) {
            return entries.containsKey(key);
        }

        public Map<String, Entry> asMap() {
            return entries;
        }
    }

    record Sequence(List<YamlNode> items, SourcePos pos) implements YamlNode {
    }

    /**
     * @param text  the scalar's text; null for YAML null ({@code ~}, {@code null}, nothing)
     * @param kind  what YAML made of it: "string", "int", "float", "bool", "null"
     * @param style plain, quoted or block
     */
    record Scalar(String text, String kind, Style style, SourcePos pos) implements YamlNode {
        public boolean isNull() {
            return text == null;
        }
    }

    /** A word for messages: "a mapping", "a list", "text". */
    static String describe(YamlNode node) {
        if (node instanceof Mapping) {
            return "a mapping";
        }
        if (node instanceof Sequence) {
            return "a list";
        }
        Scalar s = (Scalar) node;
        return switch (s.kind()) {
            case "null" -> "empty";
            case "int", "float" -> "a number";
            case "bool" -> "true/false";
            default -> "text";
        };
    }
}

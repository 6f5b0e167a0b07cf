package org.quench.inventory;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.quench.runbook.SourcePos;

/** Reads one YAML file into a {@link YamlNode} tree, keeping Jackson's token locations. */
final class YamlTreeReader {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private final String file;
    private final List<InventoryException.Problem> problems;

    YamlTreeReader(String file, List<InventoryException.Problem> problems) {
        this.file = file;
        this.problems = problems;
    }

    /** The document's root, or null when the file is empty or unreadable (a problem is recorded). */
    YamlNode read(Path path) {
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8);
             JsonParser p = FACTORY.createParser(in)) {
            JsonToken t = p.nextToken();
            if (t == null) return null;
            return readValue(p);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            problems.add(new InventoryException.Problem(pos(loc), "invalid YAML: " + firstLine(e.getOriginalMessage())));
            return null;
        } catch (IOException e) {
            problems.add(new InventoryException.Problem(new SourcePos(file, 0, 0), "cannot read: " + e.getMessage()));
            return null;
        }
    }

    private YamlNode readValue(JsonParser p) throws IOException {
        SourcePos at = pos(p.currentTokenLocation());
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    SourcePos keyPos = pos(p.currentTokenLocation());
                    p.nextToken();
                    YamlNode value = readValue(p);
                    YamlNode.Entry previous = entries.put(key, new YamlNode.Entry(key, keyPos, value));
                    if (previous != null) {
                        // YAML parsers silently keep the last one; in an inventory that hides a mistake.
                        problems.add(new InventoryException.Problem(keyPos,
                                "duplicate key '" + key + "' (first at line " + previous.keyPos().line() + ")"));
                    }
                }
                return new YamlNode.Mapping(entries, at);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(p));
                }
                return new YamlNode.Sequence(items, at);
            }
            case VALUE_STRING -> {
                return new YamlNode.Scalar(p.getText(), at);
            }
            case VALUE_NUMBER_INT -> {
                long v = p.getLongValue();
                // No ternary here: it would promote the Integer to Long.
                if (v == (int) v) return new YamlNode.Scalar((int) v, at);
                return new YamlNode.Scalar(v, at);
            }
            case VALUE_NUMBER_FLOAT -> {
                return new YamlNode.Scalar(p.getDoubleValue(), at);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new YamlNode.Scalar(t == JsonToken.VALUE_TRUE, at);
            }
            case VALUE_NULL -> {
                return new YamlNode.Scalar(null, at);
            }
            default -> {
                return new YamlNode.Scalar(p.getText(), at);
            }
        }
    }

    private SourcePos pos(JsonLocation loc) {
        if (loc == null) return new SourcePos(file, 0, 0);
        return new SourcePos(file, loc.getLineNr(), loc.getColumnNr());
    }

    /** SnakeYAML's message without its own location lines and source excerpt (we print file:line:col). */
    private static String firstLine(String s) {
        if (s == null) return "parse error";
        StringBuilder out = new StringBuilder();
        for (String line : s.split("\n")) {
            if (line.isBlank() || Character.isWhitespace(line.charAt(0))) continue;
            if (out.length() > 0) out.append(": ");
            out.append(line.trim());
        }
        return out.toString();
    }
}

package org.quench.runbook;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads YAML into {@link YamlNode}s that remember where each key and value was written. Jackson's
 * own trees drop positions; validation errors need them. Duplicate keys are reported (YAML
 * parsers usually keep the last one silently, which can hide a safety setting).
 */
public final class YamlReader {
    private final String file;
    private final String[] lines;
    private final List<Problem> problems;
    private final String text;
    private JsonParser parser;

    public YamlReader(String file, String text, List<Problem> problems) {
        this.file = file;
        this.lines = text.split("\n", -1);
        this.problems = problems;
        this.text = text;
    }

    /** The document's root, or null after a syntax error (already added to the problems). */
    public YamlNode read() {
        try (JsonParser p = new YAMLFactory().createParser(text)) {
            parser = p;
            JsonToken token = p.nextToken();
            if (token == null) {
                problems.add(new Problem(new SourcePos(file, 1, 1), "the file is empty"));
                return null;
            }
            YamlNode root = node(token);
            if (p.nextToken() != null) {
                problems.add(new Problem(here(), "only one YAML document is allowed per runbook"));
            }
            return root;
        } catch (JsonProcessingException e) {
            SourcePos pos = syntaxPosition(e);
            problems.add(new Problem(pos, "YAML syntax error: " + syntaxMessage(e)));
            return null;
        } catch (IOException e) {
            problems.add(new Problem(new SourcePos(file, 1, 1), "cannot read: " + e.getMessage()));
            return null;
        }
    }

    private YamlNode node(JsonToken token) throws IOException {
        SourcePos pos = here();
        switch (token) {
            case START_OBJECT: {
                LinkedHashMap<String, YamlNode.Entry> entries = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    SourcePos keyPos = here();
                    YamlNode value = node(parser.nextToken());
                    YamlNode.Entry previous = entries.get(key);
                    if (previous != null) {
                        problems.add(new Problem(keyPos, "duplicate key `" + key + "` (first at line "
                                + previous.keyPos().line() + ")"));
                    } else {
                        entries.put(key, new YamlNode.Entry(key, keyPos, value));
                    }
                }
                return new YamlNode.Mapping(entries, pos);
            }
            case START_ARRAY: {
                List<YamlNode> items = new ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    items.add(node(next));
                }
                return new YamlNode.Sequence(items, pos);
            }
            case VALUE_NULL:
                return new YamlNode.Scalar(null, "null", style(pos), pos);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new YamlNode.Scalar(parser.getText(), "bool", style(pos), pos);
            case VALUE_NUMBER_INT:
                return new YamlNode.Scalar(parser.getText(), "int", style(pos), pos);
            case VALUE_NUMBER_FLOAT:
                return new YamlNode.Scalar(parser.getText(), "float", style(pos), pos);
            default:
                return new YamlNode.Scalar(parser.getText(), "string", style(pos), pos);
        }
    }

    private SourcePos here() {
        JsonLocation at = parser.currentTokenLocation();
        return new SourcePos(file, Math.max(at.getLineNr(), 1), Math.max(at.getColumnNr(), 1));
    }

    /** Jackson does not expose the scalar style; the character at the value's position tells it. */
    private YamlNode.Style style(SourcePos pos) {
        if (pos.line() - 1 >= lines.length) {
            return YamlNode.Style.PLAIN;
        }
        String line = lines[pos.line() - 1];
        if (pos.col() - 1 >= line.length()) {
            return YamlNode.Style.PLAIN;
        }
        char first = line.charAt(pos.col() - 1);
        if (first == '"' || first == '\'') {
            return YamlNode.Style.QUOTED;
        }
        if (first == '|' || first == '>') {
            return YamlNode.Style.BLOCK;
        }
        return YamlNode.Style.PLAIN;
    }

    /** Number of leading spaces of a 1-based file line (for text inside block scalars). */
    int indentOf(int line) {
        if (line - 1 >= lines.length || line < 1) {
            return 0;
        }
        String text = lines[line - 1];
        int i = 0;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** Where the YAML parser noticed the problem (not where the construct it was reading began). */
    private SourcePos syntaxPosition(JsonProcessingException e) {
        if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked && marked.getProblemMark() != null) {
            return new SourcePos(file, marked.getProblemMark().getLine() + 1, marked.getProblemMark().getColumn() + 1);
        }
        JsonLocation at = e.getLocation();
        return at == null ? new SourcePos(file, 1, 1)
                : new SourcePos(file, Math.max(at.getLineNr(), 1), Math.max(at.getColumnNr(), 1));
    }

    /** The parser's own problem statement, without its multi-line excerpt of the file. */
    private static String syntaxMessage(JsonProcessingException e) {
        Throwable cause = e.getCause();
        if (cause instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked) {
            String context = marked.getContext();
            String problem = marked.getProblem();
            return context == null ? problem : context + ": " + problem;
        }
        String message = e.getOriginalMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}

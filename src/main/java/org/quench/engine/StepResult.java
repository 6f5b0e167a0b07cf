package org.quench.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * A registered step result as expressions see it ({@code files.lines}, {@code q.json}, …).
 * Getters only: the sandbox lets expressions read properties, not change engine state.
 */
public final class StepResult {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String status;
    private final String stdout;
    private final String stderr;
    private final int rc;
    private final List<Object> results;
    private List<String> lines;
    private Object json;
    private boolean jsonParsed;

    public StepResult(String status, String stdout, String stderr, int rc, List<?> results) {
        this.status = status;
        this.stdout = stdout == null ? "" : stdout;
        this.stderr = stderr == null ? "" : stderr;
        this.rc = rc;
        this.results = results == null ? List.of() : List.copyOf(results);
    }

    public static StepResult of(String status) {
        return new StepResult(status, "", "", 0, null);
    }

    public String getStatus() { return status; }
    public String getStdout() { return stdout; }
    public String getStderr() { return stderr; }
    public int getRc() { return rc; }
    public boolean isOk() { return !"failed".equals(status); }
    public boolean isPlanned() { return "planned".equals(status); }
    public boolean isSkipped() { return "skipped".equals(status); }
    /** After a foreach: one result per item (a StepResult, or a module's value). */
    public List<Object> getResults() { return results; }

    /** Non-empty stdout lines, in order. */
    public synchronized List<String> getLines() {
        if (lines == null) {
            List<String> out = new ArrayList<>();
            for (String l : stdout.split("\n", -1)) {
                String t = l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
                if (!t.isBlank()) out.add(t);
            }
            lines = List.copyOf(out);
        }
        return lines;
    }

    /**
     * stdout parsed as one JSON document, or, when that fails, as JSON Lines (a list of documents:
     * the shape of {@code postqueue -j}). Null when stdout is empty.
     */
    public synchronized Object getJson() {
        if (!jsonParsed) {
            jsonParsed = true;
            json = parseJson();
        }
        return json;
    }

    private Object parseJson() {
        if (stdout.isBlank()) return null;
        try {
            return JSON.readValue(stdout, Object.class);
        } catch (JsonProcessingException whole) {
            List<Object> docs = new ArrayList<>();
            for (String line : getLines()) {
                try {
                    docs.add(JSON.readValue(line, Object.class));
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException("stdout is neither JSON nor JSON Lines: "
                            + e.getOriginalMessage());
                }
            }
            return docs;
        }
    }

    @Override
    public String toString() {
        return stdout.strip();
    }
}

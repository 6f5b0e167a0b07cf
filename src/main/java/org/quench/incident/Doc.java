package org.quench.incident;

import java.util.List;

/**
 * The incident report as a list of neutral blocks, built once and written as Markdown or HTML.
 * Keeping the content apart from the formats means both say the same thing, and each writer has
 * one place that escapes text for its format.
 */
public sealed interface Doc permits Doc.Heading, Doc.Para, Doc.Table, Doc.Bullets {

    record Heading(int level, String text) implements Doc {
    }

    /** A paragraph of plain text; {@code note} marks secondary text (smaller, muted in HTML). */
    record Para(String text, boolean note) implements Doc {
        public Para(String text) {
            this(text, false);
        }
    }

    /**
     * @param name     a class for styling and for finding the table in tests (e.g. "findings")
     * @param codeCols indexes of columns holding commands (monospace)
     */
    record Table(String name, List<String> headers, List<List<String>> rows, List<Integer> codeCols) implements Doc {
    }

    record Bullets(List<String> items) implements Doc {
    }
}

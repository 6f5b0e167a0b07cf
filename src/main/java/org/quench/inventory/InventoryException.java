package org.quench.inventory;

import java.util.List;
import java.util.stream.Collectors;
import org.quench.runbook.SourcePos;

/**
 * The inventory cannot be used. Carries every problem found (not only the first), each with the
 * file:line:col where it was written, so one edit fixes them all.
 */
public class InventoryException extends Exception {

    /** One mistake in an inventory file. */
    public record Problem(SourcePos pos, String message) {
        @Override
        public String toString() {
            return pos + ": " + message;
        }
    }

    private final List<Problem> problems;

    public InventoryException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}

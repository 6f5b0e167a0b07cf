package org.quench.runbook;

import java.util.List;
import java.util.stream.Collectors;

/** A runbook that cannot be used; carries every problem found, each with its position. */
public class RunbookException extends Exception {
    private final List<Problem> problems;

    public RunbookException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}

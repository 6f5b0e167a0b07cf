package org.quench.runbook;

import java.util.List;

/** Parameter values given for a run that do not fit the runbook; one line per problem. */
public class ParameterException extends Exception {
    private final List<String> problems;

    public ParameterException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

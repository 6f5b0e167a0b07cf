package org.quench.runbook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Binds the {@code -e key=value} strings of a run to a runbook's declared parameters. */
public final class ParamValues {
    private ParamValues() {
    }

    /**
     * Converts each given value to its declared type, applies defaults and checks required ones.
     * The result has one entry per declared parameter (null for an optional one without default),
     * in declaration order.
     *
     * @throws ParameterException listing every unknown, missing or malformed parameter
     */
    public static Map<String, Object> bind(Runbook runbook, Map<String, String> cliValues) throws ParameterException {
        List<String> problems = new ArrayList<>();
        Map<String, ParamSpec> specs = runbook.params();
        for (String key : cliValues.keySet()) {
            if (!specs.containsKey(key)) {
                problems.add("unknown parameter " + key + " for runbook " + runbook.name()
                        + NameSuggester.hint(key, specs.keySet())
                        + (specs.isEmpty() ? " (it takes no parameters)" : " (known: " + String.join(", ", specs.keySet()) + ")"));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParamSpec spec : specs.values()) {
            String given = cliValues.get(spec.name());
            if (given != null) {
                try {
                    values.put(spec.name(), ParamValueParser.parse(spec.type(), given));
                } catch (IllegalArgumentException e) {
                    problems.add("parameter " + spec.name() + ": " + e.getMessage());
                }
            } else if (spec.required()) {
                problems.add("parameter " + spec.name() + " is required (-e " + spec.name() + "=...)");
            } else {
                values.put(spec.name(), spec.defaultValue());
            }
        }
        if (!problems.isEmpty()) {
            throw new ParameterException(problems);
        }
        return values;
    }
}

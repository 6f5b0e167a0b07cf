package org.quench.runbook;

/**
 * One declared parameter. {@code defaultValue} is already converted to the Java value of its type
 * (String, Long, Boolean, java.time.Duration, List) or null when there is none.
 */
public record ParamSpec(String name, ParamType type, boolean required, Object defaultValue,
                        String description, SourcePos pos) {
}

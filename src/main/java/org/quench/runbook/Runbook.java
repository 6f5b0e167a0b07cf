package org.quench.runbook;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A loaded, validated runbook: immutable. */
public record Runbook(String name, String description, Path source, Map<String, ParamSpec> params,
                      Map<String, SecretSpec> secrets, List<Stage> stages, Post post) {
}

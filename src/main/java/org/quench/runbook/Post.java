package org.quench.runbook;

import java.util.List;

/** Jenkins-style post blocks: always runs; success / failure by the host's outcome. */
public record Post(List<Step> always, List<Step> success, List<Step> failure) {
    public static final Post EMPTY = new Post(List.of(), List.of(), List.of());
}

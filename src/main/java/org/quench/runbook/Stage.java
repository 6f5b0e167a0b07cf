package org.quench.runbook;

import java.util.List;

public record Stage(String name, List<Step> steps, SourcePos pos) {
}

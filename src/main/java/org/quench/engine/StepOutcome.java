package org.quench.engine;

import org.quench.report.StepRecord;

import java.util.List;

/** Records a step (or a sequence) produced, how it ended, and what stopped it if anything did. */
record StepOutcome(List<StepRecord> records, Outcome outcome, String error) {
}

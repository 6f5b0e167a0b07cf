package org.quench.engine;

import org.quench.report.HostReport;
import org.quench.report.StepRecord;

/** What the engine tells the console (or anyone) while it works. Called from host threads. */
public interface ProgressListener {
    default void hostStarted(String host) {}

    default void stageStarted(String host, String stage) {}

    default void stepFinished(String host, StepRecord step) {}

    default void hostFinished(HostReport report) {}

    ProgressListener NONE = new ProgressListener() {};
}

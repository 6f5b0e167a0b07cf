package org.quench.engine;

/**
 * Where the run record learns what happened beyond the report: every command with its exit code
 * and duration, and evidence files. Called from host threads; texts are already masked.
 */
public interface RunJournal {
    default void commandRan(String host, String command, Integer exitCode, long durationMs) {}

    default void evidence(String host, String name, String content) {}

    RunJournal NONE = new RunJournal() {};
}

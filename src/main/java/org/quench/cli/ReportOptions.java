package org.quench.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** --json / --junit. */
public final class ReportOptions {
    @Option(names = "--json", paramLabel = "FILE", description = "Write the run report as JSON.")
    Path json;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write JUnit XML (one test case per host and verify step).")
    Path junit;
}

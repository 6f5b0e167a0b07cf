package org.quench.runbook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.quench.expr.ExpressionEngine;

/**
 * Reads a runbook file into the immutable {@link Runbook} model, validating everything that can be
 * checked before a run: keys, types, step kinds, parameters, expressions (compiled through the
 * sandbox), templates and the names they use. Every problem is reported with its
 * {@code file:line:col}.
 */
public final class RunbookLoader {
    private final ExpressionEngine engine;
    private final ModuleCatalog modules;

    public RunbookLoader(ExpressionEngine engine) {
        this(engine, ModuleCatalog.NONE);
    }

    public RunbookLoader(ExpressionEngine engine, ModuleCatalog modules) {
        this.engine = engine;
        this.modules = modules;
    }

    /** The validated runbook; @throws RunbookException listing every problem found. */
    public Runbook load(Path file) throws RunbookException {
        List<Problem> problems = new ArrayList<>();
        Runbook runbook = read(file, problems);
        if (!problems.isEmpty() || runbook == null) {
            throw new RunbookException(problems);
        }
        return runbook;
    }

    /** Every problem of the file, in file order; empty when it is valid. */
    public List<Problem> validate(Path file) {
        List<Problem> problems = new ArrayList<>();
        read(file, problems);
        return problems;
    }

    private Runbook read(Path file, List<Problem> problems) {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(new Problem(new SourcePos(name, 1, 1), "cannot read the runbook: " + e.getMessage()));
            return null;
        }
        YamlReader reader = new YamlReader(name, text, problems);
        YamlNode root = reader.read();
        Runbook runbook = null;
        if (root != null) {
            runbook = new RunbookBuilder(file, reader, engine, modules, problems).build(root);
        }
        problems.sort(Comparator.comparingInt((Problem p) -> p.pos().line()).thenComparingInt(p -> p.pos().col()));
        return runbook;
    }
}

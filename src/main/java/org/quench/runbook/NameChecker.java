package org.quench.runbook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.quench.expr.ExpressionEngine;
import org.quench.expr.ExpressionException;
import org.quench.expr.Reference;
import org.quench.expr.Template;

/**
 * Compiles every expression and template of a runbook and checks each name it reads: a parameter,
 * a {@code register} or {@code set} name defined anywhere in the runbook, the step's loop variable,
 * or a built-in. Secrets may be read only where they cannot leak (stdin and env). Runs after the
 * whole runbook is read, because a step may use a name that a later step defines (post blocks,
 * loops over stages).
 */
final class NameChecker {
    private static final Set<String> HOST_FIELDS = Set.of("name", "address", "groups", "vars");
    private static final Set<String> RUN_FIELDS = Set.of("id", "dryRun");

    /** A value to check once all names are known; {@code usage} null means a plain expression. */
    private record Pending(YamlNode.Scalar node, String field, RunbookBuilder.Usage usage, String loopVar) {
    }

    private final ExpressionEngine engine;
    private final YamlReader reader;
    private final List<Problem> problems;
    private final List<Pending> pending = new ArrayList<>();
    private Map<String, ParamSpec> params = Map.of();
    private Map<String, SecretSpec> secrets = Map.of();
    private final Map<String, SourcePos> registers = new LinkedHashMap<>();
    private final Map<String, SourcePos> sets = new LinkedHashMap<>();

    NameChecker(ExpressionEngine engine, YamlReader reader, List<Problem> problems) {
        this.engine = engine;
        this.reader = reader;
        this.problems = problems;
    }

    void declareParams(Map<String, ParamSpec> params) {
        this.params = params;
    }

    void declareSecrets(Map<String, SecretSpec> secrets) {
        this.secrets = secrets;
    }

    void defineRegister(String name, SourcePos pos) {
        if (conflicts(name, pos, "register")) {
            return;
        }
        SourcePos set = sets.get(name);
        if (set != null) {
            problems.add(new Problem(pos, "`" + name + "` is already a `set` name (line " + set.line()
                    + "); a register needs a name of its own"));
            return;
        }
        registers.putIfAbsent(name, pos);
    }

    void defineSet(String name, SourcePos pos) {
        if (conflicts(name, pos, "set")) {
            return;
        }
        SourcePos register = registers.get(name);
        if (register != null) {
            problems.add(new Problem(pos, "`" + name + "` is already a register (line " + register.line()
                    + "); a `set` value needs a name of its own"));
            return;
        }
        sets.putIfAbsent(name, pos);
    }

    private boolean conflicts(String name, SourcePos pos, String role) {
        ParamSpec param = params.get(name);
        if (param != null) {
            problems.add(new Problem(pos, "`" + name + "` is a parameter (line " + param.pos().line()
                    + ") and cannot also be a " + role + " name"));
            return true;
        }
        return false;
    }

    void expression(YamlNode.Scalar node, String field, String loopVar) {
        pending.add(new Pending(node, field, null, loopVar));
    }

    void template(YamlNode.Scalar node, String field, RunbookBuilder.Usage usage, String loopVar) {
        pending.add(new Pending(node, field, usage, loopVar));
    }

    void checkAll() {
        for (Pending p : pending) {
            if (p.usage() == null) {
                checkExpression(p, p.node().text(), 1, 1);
            } else {
                checkTemplate(p);
            }
        }
    }

    private void checkTemplate(Pending p) {
        Template template;
        try {
            template = Template.parse(p.node().text());
        } catch (ExpressionException e) {
            problems.add(new Problem(at(p.node(), e.line(), e.column()), p.field() + ": " + e.getMessage()));
            return;
        }
        for (Template.Placeholder placeholder : template.placeholders()) {
            checkExpression(p, placeholder.expression(), placeholder.line(), placeholder.column());
        }
    }

    /** Checks one expression that starts at {@code line:column} of the scalar's text. */
    private void checkExpression(Pending p, String source, int line, int column) {
        List<Reference> references;
        try {
            references = engine.references(source);
        } catch (ExpressionException e) {
            problems.add(new Problem(inScalar(p.node(), line, column, e.line(), e.column()),
                    p.field() + ": " + e.getMessage()));
            return;
        }
        Set<String> reported = new LinkedHashSet<>();
        for (Reference r : references) {
            String message = check(r, p);
            if (message != null && reported.add(r.name() + "." + r.property())) {
                problems.add(new Problem(inScalar(p.node(), line, column, r.line(), r.column()),
                        p.field() + ": " + message));
            }
        }
    }

    /** Null when the reference is fine, else what is wrong with it. */
    private String check(Reference r, Pending p) {
        String name = r.name();
        String property = r.property();
        if (name.equals(p.loopVar()) || params.containsKey(name) || registers.containsKey(name) || sets.containsKey(name)) {
            return null;
        }
        switch (name) {
            case "params":
                return property == null || params.containsKey(property) ? null
                        : "no parameter `" + property + "` is declared" + NameSuggester.hint(property, params.keySet());
            case "host":
                return property == null || HOST_FIELDS.contains(property) ? null
                        : "host has no `" + property + "` (it has name, address, groups, vars)";
            case "run":
                return property == null || RUN_FIELDS.contains(property) ? null
                        : "run has no `" + property + "` (it has id, dryRun)";
            case "vars":
                return null;
            case "secrets":
                if (p.usage() != RunbookBuilder.Usage.SECRET) {
                    return "secrets may only be used in `stdin` and `env` (never in commands, messages or output)";
                }
                if (property == null) {
                    return "write secrets.NAME to use a secret";
                }
                return secrets.containsKey(property) ? null
                        : "no secret `" + property + "` is declared" + NameSuggester.hint(property, secrets.keySet());
            case "item":
                return p.loopVar() == null ? "`item` is only defined in a step with `foreach`"
                        : "`item` is not defined here: this step's loop variable is `" + p.loopVar() + "`";
            default:
                Set<String> known = new LinkedHashSet<>();
                known.addAll(params.keySet());
                known.addAll(registers.keySet());
                known.addAll(sets.keySet());
                if (p.loopVar() != null) {
                    known.add(p.loopVar());
                }
                return "undefined name `" + name + "`" + NameSuggester.hint(name, known)
                        + " (use a parameter, a register or set name, or params/host/vars/run)";
        }
    }

    /** Position in the file of {@code exprLine:exprColumn} inside an expression that starts at {@code line:column} of the scalar. */
    private SourcePos inScalar(YamlNode.Scalar node, int line, int column, int exprLine, int exprColumn) {
        if (exprLine <= 0) {
            return at(node, line, column);
        }
        if (exprLine == 1) {
            return at(node, line, column + Math.max(exprColumn, 1) - 1);
        }
        return at(node, line + exprLine - 1, Math.max(exprColumn, 1));
    }

    /**
     * Position in the file of {@code line:column} of a scalar's text. Exact for single-line plain
     * and quoted scalars and for block scalars; approximate after escapes or folded lines.
     */
    private SourcePos at(YamlNode.Scalar node, int line, int column) {
        SourcePos start = node.pos();
        if (line <= 0) {
            return start;
        }
        int col = Math.max(column, 1);
        switch (node.style()) {
            case BLOCK -> {
                // The block's text starts on the next line; its base indentation is that line's.
                int fileLine = start.line() + line;
                return new SourcePos(start.file(), fileLine, reader.indentOf(start.line() + 1) + col);
            }
            case QUOTED -> {
                return line == 1 ? new SourcePos(start.file(), start.line(), start.col() + col)
                        : new SourcePos(start.file(), start.line() + line - 1, col);
            }
            default -> {
                return line == 1 ? new SourcePos(start.file(), start.line(), start.col() + col - 1)
                        : new SourcePos(start.file(), start.line() + line - 1, col);
            }
        }
    }
}

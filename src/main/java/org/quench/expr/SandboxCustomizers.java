package org.quench.expr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;

/** The compilation steps that make an expression safe to run; one fresh set per compilation. */
final class SandboxCustomizers {
    private SandboxCustomizers() {
    }

    /**
     * Checks the resolved AST against the policy and records the names read from the scope. Must
     * run before the guard injection and the interrupt transformations: those add calls (System,
     * RuntimeGuard) that expressions themselves may not write.
     */
    static final class Analysis extends CompilationCustomizer {
        private List<Reference> references = List.of();
        private boolean moduleChecked;

        Analysis() {
            super(CompilePhase.CANONICALIZATION);
        }

        List<Reference> references() {
            return references;
        }

        @Override
        public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
            if (moduleChecked) {
                return;
            }
            moduleChecked = true;
            SandboxChecker checker = new SandboxChecker(source);
            checker.checkModule(source.getAST());
            report(source, checker.violations());
            ClassNode script = source.getAST().getScriptClassDummy();
            MethodNode run = script.getMethod("run", org.codehaus.groovy.ast.Parameter.EMPTY_ARRAY);
            if (run != null && run.getCode() != null) {
                references = List.copyOf(new ReferenceCollector(source).collect(run.getCode()));
            }
        }
    }

    /**
     * Refuses forbidden property names before names are resolved: resolution turns
     * {@code String.class} into a bare class literal, which would hide the {@code .class}.
     */
    static final class EarlyNames extends CompilationCustomizer {
        EarlyNames() {
            super(CompilePhase.CONVERSION);
        }

        @Override
        public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
            List<SandboxChecker.Violation> violations = new ArrayList<>();
            org.codehaus.groovy.ast.ClassCodeVisitorSupport visitor = new org.codehaus.groovy.ast.ClassCodeVisitorSupport() {
                @Override
                protected SourceUnit getSourceUnit() {
                    return source;
                }

                @Override
                public void visitPropertyExpression(org.codehaus.groovy.ast.expr.PropertyExpression expression) {
                    String name = expression.getPropertyAsString();
                    String reason = name == null ? null : SandboxPolicy.FORBIDDEN_PROPERTIES.get(name);
                    if (reason != null) {
                        violations.add(new SandboxChecker.Violation("`." + name + "` is not allowed in expressions: "
                                + reason, expression.getProperty().getLineNumber(), expression.getProperty().getColumnNumber()));
                    }
                    super.visitPropertyExpression(expression);
                }
            };
            visitor.visitClass(classNode);
            report(source, violations);
        }
    }

    static void report(SourceUnit source, List<SandboxChecker.Violation> found) {
        if (found.isEmpty()) {
            return;
        }
        List<SandboxChecker.Violation> violations = new ArrayList<>(found);
        violations.sort(Comparator.comparingInt(SandboxChecker.Violation::line)
                .thenComparingInt(SandboxChecker.Violation::column));
        for (int i = 0; i < violations.size(); i++) {
            SandboxChecker.Violation v = violations.get(i);
            SyntaxErrorMessage message = new SyntaxErrorMessage(
                    new SyntaxException(v.message(), v.line(), v.column()), source);
            if (i < violations.size() - 1) {
                source.getErrorCollector().addErrorAndContinue(message);
            } else {
                source.getErrorCollector().addFatalError(message); // throws: stop compiling
            }
        }
    }

    /** Applies {@link GuardInjector} to every class of the compilation (the script). */
    static final class Guards extends CompilationCustomizer {
        Guards() {
            super(CompilePhase.CANONICALIZATION);
        }

        @Override
        public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
            new GuardInjector(source).visitClass(classNode);
        }
    }
}

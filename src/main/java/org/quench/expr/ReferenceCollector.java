package org.quench.expr;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.ast.stmt.Statement;
import org.codehaus.groovy.control.SourceUnit;

/**
 * Finds the names an expression reads from its scope: variables that it neither declares nor
 * receives as closure parameters (Groovy marks those as dynamic once scopes are resolved).
 */
final class ReferenceCollector extends ClassCodeVisitorSupport {
    private final SourceUnit source;
    private final List<Reference> references = new ArrayList<>();
    /** One entry per enclosing closure: true when it has the implicit {@code it} parameter. */
    private final Deque<Boolean> closures = new ArrayDeque<>();

    ReferenceCollector(SourceUnit source) {
        this.source = source;
    }

    @Override
    protected SourceUnit getSourceUnit() {
        return source;
    }

    List<Reference> collect(Statement code) {
        code.visit(this);
        return references;
    }

    @Override
    public void visitClosureExpression(ClosureExpression expression) {
        // A closure written without "->" has the implicit parameter `it`.
        closures.push(!expression.isParameterSpecified());
        super.visitClosureExpression(expression);
        closures.pop();
    }

    @Override
    public void visitVariableExpression(VariableExpression expression) {
        if (isScopeRead(expression)) {
            references.add(new Reference(expression.getName(), null,
                    expression.getLineNumber(), expression.getColumnNumber()));
        }
    }

    @Override
    public void visitPropertyExpression(PropertyExpression expression) {
        if (expression.getObjectExpression() instanceof VariableExpression variable && isScopeRead(variable)
                && expression.getPropertyAsString() != null) {
            references.add(new Reference(variable.getName(), expression.getPropertyAsString(),
                    variable.getLineNumber(), variable.getColumnNumber()));
            return;
        }
        super.visitPropertyExpression(expression);
    }

    @Override
    public void visitMethodCallExpression(MethodCallExpression call) {
        if (call.isImplicitThis()) {
            call.getArguments().visit(this);
            return;
        }
        super.visitMethodCallExpression(call);
    }

    private boolean isScopeRead(VariableExpression v) {
        String name = v.getName();
        if (name.equals("this") || name.equals("super") || !SandboxChecker.isFromScope(v)) {
            return false;
        }
        return !(name.equals("it") && closures.stream().anyMatch(implicit -> implicit));
    }
}

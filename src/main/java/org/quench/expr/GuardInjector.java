package org.quench.expr;

import java.util.List;

import org.codehaus.groovy.ast.ClassCodeExpressionTransformer;
import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.syntax.Token;
import org.codehaus.groovy.syntax.Types;

/**
 * Rewrites the operators whose danger depends on run-time values (indexing, repetition, power)
 * into calls to {@link RuntimeGuard}. Runs after {@link SandboxChecker}, so the generated calls are
 * not themselves checked.
 */
final class GuardInjector extends ClassCodeExpressionTransformer {
    private static final ClassNode GUARD = ClassHelper.make(RuntimeGuard.class);
    private final SourceUnit source;

    GuardInjector(SourceUnit source) {
        this.source = source;
    }

    @Override
    protected SourceUnit getSourceUnit() {
        return source;
    }

    @Override
    public Expression transform(Expression expression) {
        if (expression instanceof ClosureExpression closure) {
            closure.getCode().visit(this);
            return closure;
        }
        if (expression instanceof BinaryExpression binary && !(expression instanceof DeclarationExpression)) {
            Expression rewritten = rewrite(binary);
            if (rewritten != null) {
                rewritten.setSourcePosition(binary);
                return rewritten;
            }
        }
        return expression.transformExpression(this);
    }

    private Expression rewrite(BinaryExpression binary) {
        int op = binary.getOperation().getType();
        Expression left = binary.getLeftExpression();
        Expression right = transform(binary.getRightExpression());
        switch (op) {
            case Types.LEFT_SQUARE_BRACKET:
                return call(binary.isSafe() ? "safeIndex" : "index", transform(left), right);
            case Types.MULTIPLY:
                return call("multiply", transform(left), right);
            case Types.POWER:
                return call("power", transform(left), right);
            case Types.ASSIGN:
                if (left instanceof BinaryExpression target
                        && target.getOperation().getType() == Types.LEFT_SQUARE_BRACKET) {
                    return call("store", transform(target.getLeftExpression()),
                            transform(target.getRightExpression()), right);
                }
                return null;
            case Types.MULTIPLY_EQUAL:
            case Types.POWER_EQUAL:
                // The checker allows compound assignment on plain local variables only.
                if (left instanceof VariableExpression variable) {
                    String guard = op == Types.MULTIPLY_EQUAL ? "multiply" : "power";
                    return new BinaryExpression(variable, Token.newSymbol(Types.ASSIGN, -1, -1),
                            call(guard, variable, right));
                }
                return null;
            default:
                // Other compound assignments on a subscript were refused by the checker.
                return null;
        }
    }

    private static Expression call(String method, Expression... args) {
        return new StaticMethodCallExpression(GUARD, method, new ArgumentListExpression(List.of(args)));
    }
}

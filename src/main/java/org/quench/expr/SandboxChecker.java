package org.quench.expr;

import java.util.ArrayList;
import java.util.List;

import org.codehaus.groovy.ast.AnnotatedNode;
import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.DynamicVariable;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.Parameter;
import org.codehaus.groovy.ast.expr.AttributeExpression;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.CastExpression;
import org.codehaus.groovy.ast.expr.ClassExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.ConstructorCallExpression;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.MethodPointerExpression;
import org.codehaus.groovy.ast.expr.MethodReferenceExpression;
import org.codehaus.groovy.ast.expr.PostfixExpression;
import org.codehaus.groovy.ast.expr.PrefixExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.ast.stmt.TryCatchStatement;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.syntax.Types;

/**
 * Walks a compiled expression (after names are resolved) and records every construct the
 * {@link SandboxPolicy} refuses. All violations are collected so a runbook author sees them at once.
 */
final class SandboxChecker extends ClassCodeVisitorSupport {
    record Violation(String message, int line, int column) {
    }

    private final SourceUnit source;
    private final List<Violation> violations = new ArrayList<>();

    SandboxChecker(SourceUnit source) {
        this.source = source;
    }

    List<Violation> violations() {
        return violations;
    }

    @Override
    protected SourceUnit getSourceUnit() {
        return source;
    }

    /** Checks the module's shape (imports, classes, methods) and then every statement of the script. */
    void checkModule(ModuleNode module) {
        if (module.getPackage() != null) {
            refuse(module.getPackage(), "package declarations are not allowed in expressions");
        }
        module.getImports().forEach(i -> refuse(i, "imports are not allowed in expressions"));
        module.getStarImports().forEach(i -> refuse(i, "imports are not allowed in expressions"));
        module.getStaticImports().values().forEach(i -> refuse(i, "static imports are not allowed in expressions"));
        module.getStaticStarImports().values().forEach(i -> refuse(i, "static imports are not allowed in expressions"));
        for (ClassNode cls : module.getClasses()) {
            if (!cls.isScript()) {
                refuse(cls, "class definitions are not allowed in expressions");
                continue;
            }
            visitAnnotations(cls);
            for (MethodNode method : cls.getMethods()) {
                if (method.getName().equals("run") || method.getName().equals("main")) {
                    if (method.getName().equals("run") && method.getCode() != null) {
                        method.getCode().visit(this);
                    }
                } else {
                    refuse(method, "method definitions are not allowed in expressions; use a closure");
                }
            }
        }
    }

    @Override
    public void visitAnnotations(AnnotatedNode node) {
        if (!node.getAnnotations().isEmpty()) {
            refuse(node.getAnnotations().get(0), "annotations are not allowed in expressions");
        }
    }

    @Override
    public void visitVariableExpression(VariableExpression expression) {
        String name = expression.getName();
        if (name.equals("this") || name.equals("super")) {
            refuse(expression, "`" + name + "` is not available in expressions");
        } else if (SandboxPolicy.RESERVED_VARIABLES.contains(name) && isFromScope(expression)) {
            refuse(expression, "`" + name + "` is reserved and cannot be used in expressions");
        }
    }

    @Override
    public void visitClassExpression(ClassExpression expression) {
        refuse(expression, "`" + expression.getType().getName() + "` cannot be used in expressions");
    }

    @Override
    public void visitMethodCallExpression(MethodCallExpression call) {
        String name = call.getMethodAsString();
        if (call.isImplicitThis()) {
            refuse(call, "calling `" + (name == null ? "<dynamic>" : name)
                    + "(...)` as a function is not allowed; call methods on values, e.g. list.size()");
            call.getArguments().visit(this);
            return;
        }
        if (name == null || !(call.getMethod() instanceof ConstantExpression)) {
            refuse(call.getMethod(), "method names must be written literally (no dynamic method names)");
        } else {
            String reason = SandboxPolicy.FORBIDDEN_METHODS.get(name);
            if (reason != null) {
                refuse(call.getMethod(), "`" + name + "` is not allowed in expressions: " + reason);
            }
            if (SandboxPolicy.WIDTH_METHODS.contains(name)) {
                checkWidthArgument(call, name);
            }
        }
        Expression receiver = call.getObjectExpression();
        if (receiver instanceof ClassExpression cls) {
            checkStaticReceiver(cls);
        } else {
            receiver.visit(this);
        }
        call.getArguments().visit(this);
    }

    private void checkWidthArgument(MethodCallExpression call, String name) {
        if (call.getArguments() instanceof TupleExpression args && !args.getExpressions().isEmpty()
                && args.getExpression(0) instanceof ConstantExpression c && c.getValue() instanceof Number n
                && n.longValue() <= SandboxPolicy.MAX_WIDTH) {
            return;
        }
        refuse(call, "`" + name + "` needs a literal width of at most " + SandboxPolicy.MAX_WIDTH);
    }

    @Override
    public void visitStaticMethodCallExpression(StaticMethodCallExpression call) {
        refuse(call, "calling `" + call.getMethod() + "(...)` as a function is not allowed");
        call.getArguments().visit(this);
    }

    @Override
    public void visitPropertyExpression(PropertyExpression expression) {
        checkPropertyName(expression);
        Expression receiver = expression.getObjectExpression();
        if (receiver instanceof ClassExpression cls) {
            checkStaticReceiver(cls);
        } else {
            receiver.visit(this);
        }
    }

    @Override
    public void visitAttributeExpression(AttributeExpression expression) {
        refuse(expression, "direct field access with .@ is not allowed in expressions");
        expression.getObjectExpression().visit(this);
    }

    private void checkPropertyName(PropertyExpression expression) {
        String name = expression.getPropertyAsString();
        if (name == null) {
            refuse(expression.getProperty(), "property names must be written literally (no dynamic property names)");
            expression.getProperty().visit(this);
            return;
        }
        String reason = SandboxPolicy.FORBIDDEN_PROPERTIES.get(name);
        if (reason != null) {
            refuse(expression.getProperty(), "`." + name + "` is not allowed in expressions: " + reason);
        }
    }

    private void checkStaticReceiver(ClassExpression cls) {
        String type = cls.getType().getName();
        if (!SandboxPolicy.STATIC_RECEIVERS.contains(type)) {
            refuse(cls, "`" + type + "` cannot be used in expressions");
        }
    }

    @Override
    public void visitConstructorCallExpression(ConstructorCallExpression call) {
        String type = call.getType().getName();
        if (call.isSpecialCall() || !SandboxPolicy.CONSTRUCTIBLE.contains(type)) {
            refuse(call, "`new " + call.getType().getNameWithoutPackage()
                    + "` is not allowed in expressions; use list [..] and map [:] literals");
        }
        if (call.isUsingAnonymousInnerClass()) {
            refuse(call, "anonymous classes are not allowed in expressions");
        }
        call.getArguments().visit(this);
    }

    @Override
    public void visitCastExpression(CastExpression expression) {
        checkValueType(expression.getType(), expression);
        expression.getExpression().visit(this);
    }

    @Override
    public void visitDeclarationExpression(DeclarationExpression expression) {
        visitAnnotations(expression);
        if (expression.isMultipleAssignmentDeclaration()) {
            for (Expression e : expression.getTupleExpression().getExpressions()) {
                checkValueType(e.getType(), e);
            }
        } else {
            VariableExpression variable = expression.getVariableExpression();
            checkValueType(variable.getOriginType(), variable);
        }
        expression.getRightExpression().visit(this);
    }

    @Override
    public void visitClosureExpression(ClosureExpression expression) {
        Parameter[] parameters = expression.getParameters();
        if (parameters != null) {
            for (Parameter p : parameters) {
                checkValueType(p.getOriginType(), p);
                if (p.hasInitialExpression()) {
                    p.getInitialExpression().visit(this);
                }
            }
        }
        expression.getCode().visit(this);
    }

    private void checkValueType(ClassNode type, ASTNode where) {
        ClassNode base = type;
        while (base.isArray()) {
            base = base.getComponentType();
        }
        if (!SandboxPolicy.VALUE_TYPES.contains(base.getName())) {
            refuse(where, "type `" + base.getName() + "` cannot be used in expressions");
        }
    }

    @Override
    public void visitBinaryExpression(BinaryExpression expression) {
        int op = expression.getOperation().getType();
        Expression left = expression.getLeftExpression();
        Expression right = expression.getRightExpression();
        if (op == Types.KEYWORD_INSTANCEOF || op == Types.COMPARE_NOT_INSTANCEOF) {
            left.visit(this);
            if (right instanceof ClassExpression cls) {
                checkValueType(cls.getType(), cls);
            } else {
                right.visit(this);
            }
            return;
        }
        if (Types.ofType(op, Types.ASSIGNMENT_OPERATOR)) {
            checkAssignable(left);
            boolean compound = op != Types.ASSIGN;
            if (compound && !(left instanceof VariableExpression)) {
                refuse(expression, "compound assignment (" + expression.getOperation().getText()
                        + ") is only allowed on local variables");
            }
        }
        left.visit(this);
        right.visit(this);
    }

    @Override
    public void visitPrefixExpression(PrefixExpression expression) {
        checkAssignable(expression.getExpression());
        super.visitPrefixExpression(expression);
    }

    @Override
    public void visitPostfixExpression(PostfixExpression expression) {
        checkAssignable(expression.getExpression());
        super.visitPostfixExpression(expression);
    }

    /** Values in scope are shared by every step of the run: an expression may only change its own locals. */
    private void checkAssignable(Expression target) {
        Expression root = target;
        while (true) {
            if (root instanceof PropertyExpression p) {
                root = p.getObjectExpression();
            } else if (root instanceof BinaryExpression b && b.getOperation().getType() == Types.LEFT_SQUARE_BRACKET) {
                root = b.getLeftExpression();
            } else if (root instanceof MethodCallExpression m && !m.isImplicitThis()) {
                root = m.getObjectExpression();
            } else {
                break;
            }
        }
        if (root instanceof VariableExpression v && isFromScope(v) && !v.getName().equals("this")) {
            refuse(target, "cannot change `" + v.getName()
                    + "`: values in scope are read-only (declare a local with def)");
        }
    }

    @Override
    public void visitMethodPointerExpression(MethodPointerExpression expression) {
        refuse(expression, "method pointers (.&) are not allowed in expressions");
    }

    @Override
    public void visitMethodReferenceExpression(MethodReferenceExpression expression) {
        refuse(expression, "method references (::) are not allowed in expressions");
    }

    /**
     * try/catch could swallow the time-limit interruption and keep a runaway loop alive; use ?. and
     * ?: for missing values instead.
     */
    @Override
    public void visitTryCatchFinally(TryCatchStatement statement) {
        refuse(statement, "try/catch is not allowed in expressions; use ?. and ?: for missing values");
        super.visitTryCatchFinally(statement);
    }

    static boolean isFromScope(VariableExpression v) {
        return v.getAccessedVariable() == null || v.getAccessedVariable() instanceof DynamicVariable;
    }

    private void refuse(ASTNode node, String message) {
        violations.add(new Violation(message, Math.max(node.getLineNumber(), 0), Math.max(node.getColumnNumber(), 0)));
    }
}

package org.quench.expr;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import groovy.lang.Binding;
import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyCodeSource;
import groovy.lang.MissingMethodException;
import groovy.lang.MissingPropertyException;
import groovy.lang.Script;
import groovy.transform.ThreadInterrupt;
import groovy.transform.TimedInterrupt;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.classgen.ClassCompletionVerifier;
import org.codehaus.groovy.classgen.ExtendedVerifier;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.classgen.Verifier;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.LabelVerifier;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.ASTTransformationCustomizer;
import org.codehaus.groovy.control.customizers.SecureASTCustomizer;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.codehaus.groovy.runtime.typehandling.DefaultTypeTransformation;
import org.codehaus.groovy.syntax.RuntimeParserException;
import org.codehaus.groovy.syntax.SyntaxException;

/**
 * Compiles and evaluates the Groovy expressions of runbooks ({@code when}, {@code foreach},
 * {@code verify}, {@code set}, {@code findings}, and the inside of {@code {{ }}} placeholders).
 *
 * <p>Each distinct source is compiled once, through the sandbox, and cached. Checking a source
 * ({@link #check}, {@link #references}: what {@code validate} does) runs the same compilation up to
 * bytecode generation and reports the same errors, but defines no class and does not start the
 * Groovy runtime; the runnable class is compiled on first evaluation (or right away with
 * {@code compileAhead}). Every evaluation gets
 * a fresh script instance and binding, so one engine is safely shared by all hosts of a run. Each
 * evaluation is stopped after the time limit. Data from hosts is only ever passed in the scope,
 * never compiled.
 */
public final class ExpressionEngine {
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(2);
    private static final AtomicLong CLASS_COUNTER = new AtomicLong();

    private final Duration timeLimit;
    private final boolean compileAhead;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();
    /** Resolves class names for the checking compilations; they define no classes, so one is shared. */
    private volatile GroovyClassLoader checkLoader;

    /** The outcome of a compilation, kept even when it failed so a bad expression is compiled only once. */
    private record Checked(List<Reference> references, ExpressionException error) {
    }

    private record Compiled(Class<? extends Script> type, ExpressionException error) {
    }

    /**
     * What is known about one source. The check (syntax, sandbox policy, compiler verifiers) and the
     * runnable class are computed lazily, each at most once: {@code validate} needs only the check,
     * and never pays for defining classes or for starting the Groovy runtime.
     */
    private final class Entry {
        private final String source;
        /** Non-null when the source is a plain name or property path, answered without Groovy when it can be. */
        private final PropertyPath path;
        // Written once under the lock, read without it on the hot path of evaluation.
        private volatile Checked checked;
        private volatile Compiled compiled;

        Entry(String source) {
            this.source = source;
            this.path = PropertyPath.parse(source);
        }

        Checked checked() {
            Checked done = checked;
            if (done != null) {
                return done;
            }
            synchronized (this) {
                if (checked == null) {
                    if (path != null) {
                        // A name or property chain passes the sandbox by construction (refused
                        // names never parse as a path) and compiles; Groovy is left for evaluation
                        // on anything but maps.
                        checked = new Checked(path.references(), null);
                    } else if (compileAhead) {
                        compiled(); // sets checked too
                    } else {
                        checked = checkSource(source);
                    }
                }
                return checked;
            }
        }

        Compiled compiled() {
            Compiled done = compiled;
            if (done != null) {
                return done;
            }
            synchronized (this) {
                if (compiled == null) {
                    Checked known = checked;
                    if (known != null && known.error() != null) {
                        // The full compilation runs the same checks and would fail the same way.
                        compiled = new Compiled(null, known.error());
                    } else {
                        Full full = compile(source);
                        if (known == null) {
                            checked = full.checked();
                        }
                        compiled = full.compiled();
                    }
                }
                return compiled;
            }
        }
    }

    private record Full(Compiled compiled, Checked checked) {
    }

    public ExpressionEngine() {
        this(DEFAULT_TIME_LIMIT);
    }

    public ExpressionEngine(Duration timeLimit) {
        this(timeLimit, false);
    }

    /**
     * @param compileAhead when true, {@link #check}, {@link #references} and {@link #freeVariables}
     *                     compile the runnable class right away (for a run, which evaluates most
     *                     expressions anyway); when false they only check the source, and the class
     *                     is compiled on first evaluation (for validation, which never evaluates)
     */
    public ExpressionEngine(Duration timeLimit, boolean compileAhead) {
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("time limit must be positive: " + timeLimit);
        }
        this.timeLimit = timeLimit;
        this.compileAhead = compileAhead;
    }

    public Duration timeLimit() {
        return timeLimit;
    }

    /** Evaluates {@code source} with the names of {@code scope} in view and returns its value. */
    public Object evaluate(String source, Map<String, Object> scope) throws ExpressionException {
        Entry entry = entry(source);
        if (entry.path != null) {
            Object v = entry.path.evaluate(scope);
            if (v != PropertyPath.NOT_A_MAP_PATH) {
                return v;
            }
        }
        Compiled compiled = entry.compiled();
        rethrow(compiled.error(), compiled);
        Map<String, Object> variables = new LinkedHashMap<>();
        if (scope != null) {
            variables.putAll(scope);
        }
        Script script = InvokerHelper.createScript(compiled.type(), new Binding(variables));
        try {
            return script.run();
        } catch (StackOverflowError e) {
            throw new ExpressionException("expression recursed too deeply", 0, 0);
        } catch (OutOfMemoryError e) {
            throw new ExpressionException("expression ran out of memory", 0, 0);
        } catch (Exception e) {
            throw runtimeFailure(e, compiled.type());
        }
    }

    /** Evaluates {@code source} and applies Groovy truth (null, 0, "", empty collections are false). */
    public boolean test(String source, Map<String, Object> scope) throws ExpressionException {
        return DefaultTypeTransformation.castToBoolean(evaluate(source, scope));
    }

    /**
     * Compiles {@code source} through the sandbox without running it: syntax and policy errors, and
     * every error the Groovy compiler reports up to class generation.
     */
    public void check(String source) throws ExpressionException {
        checked(source);
    }

    /** The top-level names the expression reads from its scope (not locals, closure parameters or properties). */
    public Set<String> freeVariables(String source) throws ExpressionException {
        Set<String> names = new LinkedHashSet<>();
        for (Reference r : checked(source).references()) {
            names.add(r.name());
        }
        return names;
    }

    /** Every read of a scope name, with its position and the property read on it when there is one. */
    public List<Reference> references(String source) throws ExpressionException {
        return checked(source).references();
    }

    private Entry entry(String source) {
        Objects.requireNonNull(source, "expression source");
        return cache.computeIfAbsent(source, Entry::new);
    }

    private Checked checked(String source) throws ExpressionException {
        Checked checked = entry(source).checked();
        return rethrow(checked.error(), checked);
    }

    private static <T> T rethrow(ExpressionException error, T value) throws ExpressionException {
        if (error != null) {
            throw new ExpressionException(error.getMessage(), error.line(), error.column());
        }
        return value;
    }

    /**
     * The compiler settings both compilations share. Order matters: the policy is checked on the
     * author's code before guards and interrupt checks add code of their own.
     */
    private static CompilerConfiguration sandboxConfig(SandboxCustomizers.Analysis analysis) {
        CompilerConfiguration config = new CompilerConfiguration();
        // @Grab would download code while compiling.
        config.setDisabledGlobalASTTransformations(Set.of("groovy.grape.GrabAnnotationTransformation"));
        config.addCompilationCustomizers(new SandboxCustomizers.EarlyNames(), analysis, secureCustomizer(),
                new SandboxCustomizers.Guards());
        return config;
    }

    /**
     * Checks {@code source} with the compilation {@link #compile} runs, stopped before bytecode:
     * syntax, the sandbox (the same customizers in the same order, guards included), name
     * resolution, and the verifiers of the class-generation phase ({@link #verify}). Left out: the
     * two interrupt transformations, which only add time-limit checks to code that already passed
     * the sandbox and, being written in Groovy, would start the Groovy runtime (metaclass registry,
     * extension modules: a few hundred milliseconds); and writing and defining the class.
     */
    private Checked checkSource(String source) {
        if (source.isBlank()) {
            return new Checked(List.of(), new ExpressionException("empty expression", 1, 1));
        }
        SandboxCustomizers.Analysis analysis = new SandboxCustomizers.Analysis();
        CompilerConfiguration config = sandboxConfig(analysis);
        try {
            CompilationUnit unit = new CompilationUnit(config, null, checkLoader());
            unit.addSource(new SourceUnit("QuenchCheck" + CLASS_COUNTER.incrementAndGet() + ".groovy", source, config,
                    unit.getClassLoader(), unit.getErrorCollector()));
            unit.addPhaseOperation(ExpressionEngine::verify, Phases.INSTRUCTION_SELECTION);
            unit.compile(Phases.INSTRUCTION_SELECTION);
            return new Checked(analysis.references(), null);
        } catch (RuntimeException | LinkageError e) {
            return new Checked(List.of(), failure(e));
        }
    }

    /**
     * The verifiers Groovy's class generation phase runs before it writes bytecode (the same ones,
     * in the same order; see CompilationUnit's classgen operation), so that a check reports what a
     * full compilation would: e.g. {@code break} outside a loop, a reassigned {@code final}. Only
     * failures of bytecode writing itself (e.g. an expression over 64 KB of bytecode) are left to
     * the first evaluation, which reports them as an {@link ExpressionException} too.
     */
    private static void verify(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        try {
            new Verifier().visitClass(classNode);
        } catch (RuntimeParserException e) {
            source.getErrorCollector().addError(new SyntaxException(e.getMessage(), e.getNode()), source);
        }
        new LabelVerifier(source).visitClass(classNode);
        new ClassCompletionVerifier(source).visitClass(classNode);
        new ExtendedVerifier(source).visitClass(classNode);
    }

    private GroovyClassLoader checkLoader() {
        GroovyClassLoader loader = checkLoader;
        if (loader == null) {
            synchronized (this) {
                loader = checkLoader;
                if (loader == null) {
                    loader = new GroovyClassLoader(ExpressionEngine.class.getClassLoader(), new CompilerConfiguration());
                    checkLoader = loader;
                }
            }
        }
        return loader;
    }

    /** Compiles {@code source} to a runnable class: the checks plus the interrupt transformations. */
    private Full compile(String source) {
        if (source.isBlank()) {
            ExpressionException empty = new ExpressionException("empty expression", 1, 1);
            return new Full(new Compiled(null, empty), new Checked(List.of(), empty));
        }
        SandboxCustomizers.Analysis analysis = new SandboxCustomizers.Analysis();
        CompilerConfiguration config = sandboxConfig(analysis);
        config.addCompilationCustomizers(
                new ASTTransformationCustomizer(Map.of("value", timeLimit.toMillis(),
                        "unit", java.util.concurrent.TimeUnit.MILLISECONDS), TimedInterrupt.class),
                new ASTTransformationCustomizer(ThreadInterrupt.class));
        String className = "QuenchExpression" + CLASS_COUNTER.incrementAndGet();
        try {
            GroovyClassLoader loader = new GroovyClassLoader(ExpressionEngine.class.getClassLoader(), config);
            Class<?> type = loader.parseClass(new GroovyCodeSource(source, className + ".groovy", "/quench/expression"));
            return new Full(new Compiled(type.asSubclass(Script.class), null), new Checked(analysis.references(), null));
        } catch (RuntimeException | LinkageError e) {
            ExpressionException error = failure(e);
            return new Full(new Compiled(null, error), new Checked(List.of(), error));
        }
    }

    private static ExpressionException failure(Throwable e) {
        if (e instanceof MultipleCompilationErrorsException multiple) {
            return compileFailure(multiple);
        }
        if (e instanceof CompilationFailedException) {
            return new ExpressionException(firstLine(e.getMessage()), 0, 0);
        }
        // A compiler extension failing on odd input is still the expression's problem, not a crash.
        return new ExpressionException("cannot compile expression: " + e, 0, 0);
    }

    /** Backstop for the shape of the module; {@link SandboxChecker} reports the same with better messages. */
    private static SecureASTCustomizer secureCustomizer() {
        SecureASTCustomizer secure = new SecureASTCustomizer();
        secure.setPackageAllowed(false);
        secure.setMethodDefinitionAllowed(false);
        secure.setAllowedImports(List.of());
        secure.setAllowedStarImports(List.of());
        secure.setAllowedStaticImports(List.of());
        secure.setAllowedStaticStarImports(List.of());
        return secure;
    }

    private static ExpressionException compileFailure(MultipleCompilationErrorsException e) {
        List<? extends Message> errors = e.getErrorCollector().getErrors();
        if (!errors.isEmpty()) {
            Message first = errors.get(0);
            if (first instanceof SyntaxErrorMessage syntax) {
                SyntaxException cause = syntax.getCause();
                return new ExpressionException(firstLine(cause.getOriginalMessage()),
                        Math.max(cause.getStartLine(), 0), Math.max(cause.getStartColumn(), 0));
            }
            if (first instanceof ExceptionMessage exception && exception.getCause() != null) {
                return new ExpressionException(firstLine(exception.getCause().getMessage()), 0, 0);
            }
        }
        return new ExpressionException(firstLine(e.getMessage()), 0, 0);
    }

    private ExpressionException runtimeFailure(Exception e, Class<?> scriptType) {
        int line = lineIn(e, scriptType);
        if (e instanceof TimeoutException) {
            return new ExpressionException("expression exceeded " + describe(timeLimit), line, 0);
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new ExpressionException("expression was interrupted", line, 0);
        }
        if (e instanceof RuntimeGuard.SandboxRefusal) {
            return new ExpressionException(e.getMessage(), line, 0);
        }
        if (e instanceof MissingPropertyException missing
                && (missing.getType() == scriptType || missing.getType() == Binding.class)) {
            return new ExpressionException("undefined name `" + missing.getProperty() + "`", line, 0);
        }
        if (e instanceof MissingPropertyException missing) {
            return new ExpressionException("no property `" + missing.getProperty() + "` on "
                    + typeName(missing.getType()), line, 0);
        }
        if (e instanceof MissingMethodException missing) {
            return new ExpressionException("no method `" + missing.getMethod() + "` on "
                    + typeName(missing.getType()) + " for these arguments", line, 0);
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getMessage());
        return new ExpressionException(message, line, 0);
    }

    private static String typeName(Class<?> type) {
        return type == null ? "null" : type.getSimpleName();
    }

    /** The line of the expression that was running, from the stack trace of the compiled script. */
    private static int lineIn(Throwable e, Class<?> scriptType) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith(scriptType.getName()) && frame.getLineNumber() > 0) {
                return frame.getLineNumber();
            }
        }
        return 0;
    }

    static String describe(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid expression";
        }
        String trimmed = message.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
    }
}

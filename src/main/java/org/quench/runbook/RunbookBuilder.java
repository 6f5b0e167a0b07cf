package org.quench.runbook;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.quench.expr.ExpressionEngine;

/**
 * Turns the YAML tree of one runbook into the model, adding a {@link Problem} for everything wrong
 * and carrying on, so the author sees all problems in one go. Expressions and templates are only
 * collected here; {@link NameChecker} checks them once every defined name is known.
 */
final class RunbookBuilder {
    static final Set<String> RUNBOOK_KEYS = keys("name", "description", "readonly", "params", "secrets", "stages", "post");
    static final Set<String> PARAM_KEYS = keys("type", "required", "default", "description");
    static final Set<String> SECRET_KEYS = keys("length", "reveal");
    static final Set<String> STAGE_KEYS = keys("stage", "name", "steps");
    static final Set<String> POST_KEYS = keys("always", "success", "failure");
    static final Set<String> KIND_KEYS = keys("check", "action", "shell", "verify", "approve", "runbook", "uses");
    static final Set<String> STEP_KEYS = keys("name", "check", "action", "shell", "verify", "approve", "runbook", "uses",
            "readonly", "register", "timeout", "retry", "retry_delay", "set", "findings", "foreach", "as", "when",
            "message", "status", "stdin", "env", "with", "ignore_errors");
    /** What a failing verify may report instead of {@code unstable}: a state that is expected to pass by itself later. */
    static final Pattern PENDING_STATUS = Pattern.compile("pending-[a-z]+(-[a-z]+)*");
    static final Set<String> BUILTINS = keys("params", "host", "vars", "secrets", "run", "item");
    static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Words an expression reads as syntax or as a type, so they cannot name a value. */
    static final Set<String> GROOVY_WORDS = keys("abstract", "as", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "def", "default", "do", "double", "else", "enum",
            "extends", "false", "final", "finally", "float", "for", "goto", "if", "implements", "import", "in",
            "instanceof", "int", "interface", "long", "native", "new", "null", "package", "private", "protected",
            "public", "return", "short", "static", "strictfp", "super", "switch", "synchronized", "this",
            "threadsafe", "throw", "throws", "trait", "transient", "true", "try", "var", "void", "volatile",
            "while", "yield", "record", "sealed", "permits", "non", "it");
    static final int MAX_RETRY = 100;
    static final int DEFAULT_SECRET_LENGTH = 24;

    private final Path file;
    private final List<Problem> problems;
    private final NameChecker names;
    private final ModuleCatalog modules;

    RunbookBuilder(Path file, YamlReader reader, ExpressionEngine engine, ModuleCatalog modules, List<Problem> problems) {
        this.file = file;
        this.modules = modules;
        this.problems = problems;
        this.names = new NameChecker(engine, reader, problems);
    }

    private static Set<String> keys(String... keys) {
        return new LinkedHashSet<>(List.of(keys));
    }

    Runbook build(YamlNode root) {
        if (!(root instanceof YamlNode.Mapping runbook)) {
            problem(root.pos(), "a runbook is a mapping with `stages:` at its top, not " + YamlNode.describe(root));
            return null;
        }
        checkKeys(runbook, RUNBOOK_KEYS, "runbook");
        String name = optionalText(runbook.get("name"), "name");
        if (name == null) {
            name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        }
        String description = optionalText(runbook.get("description"), "description");
        Map<String, ParamSpec> params = params(runbook.get("params"));
        names.declareParams(params);
        Map<String, SecretSpec> secrets = secrets(runbook.get("secrets"));
        names.declareSecrets(secrets);
        List<Stage> stages = List.of();
        if (!runbook.has("stages")) {
            problem(runbook.pos(), "missing `stages` (the list of stages to run)");
        } else {
            stages = stages(runbook.get("stages"));
        }
        Post post = post(runbook.get("post"));
        if (runbook.has("readonly") && bool(runbook.get("readonly"), "readonly", false)) {
            refuseChanges(stages, post);
        }
        names.checkAll();
        return new Runbook(name, description == null ? "" : description, file, params, secrets, stages, post);
    }

    /**
     * {@code readonly: true} (an audit run on a schedule): any step that may change a host is an
     * error, found when the runbook is loaded rather than trusted to the dry-run gate. A sub-runbook
     * is refused too: what it holds can change without this file changing.
     */
    private void refuseChanges(List<Stage> stages, Post post) {
        List<Step> all = new ArrayList<>();
        stages.forEach(s -> all.addAll(s.steps()));
        all.addAll(post.always());
        all.addAll(post.success());
        all.addAll(post.failure());
        for (Step s : all) {
            if (s.kind() == StepKind.ACTION || s.kind() == StepKind.RUNBOOK || s.kind() == StepKind.APPROVE) {
                problem(s.pos(), "step `" + s.name() + "` is " + (s.kind() == StepKind.RUNBOOK ? "a sub-runbook"
                        : s.kind() == StepKind.APPROVE ? "an approval gate" : "an action")
                        + ", but this runbook is `readonly: true` (checks and verifies only)");
            }
        }
    }

    // ---- parameters and secrets -------------------------------------------------------------

    private Map<String, ParamSpec> params(YamlNode node) {
        Map<String, ParamSpec> params = new LinkedHashMap<>();
        if (node == null || isNull(node)) {
            return params;
        }
        if (!(node instanceof YamlNode.Mapping map)) {
            problem(node.pos(), "`params` must be a mapping of name to {type: ...}, not " + YamlNode.describe(node));
            return params;
        }
        for (YamlNode.Entry entry : map.entries().values()) {
            String name = entry.key();
            if (!checkName(name, entry.keyPos(), "parameter")) {
                continue;
            }
            ParamSpec spec = param(name, entry);
            if (spec != null) {
                params.put(name, spec);
            }
        }
        return params;
    }

    private ParamSpec param(String name, YamlNode.Entry entry) {
        if (!(entry.value() instanceof YamlNode.Mapping spec)) {
            problem(entry.value().pos(), "parameter `" + name + "` must be a mapping like {type: string}");
            return null;
        }
        checkKeys(spec, PARAM_KEYS, "parameter `" + name + "`");
        ParamType type = ParamType.STRING;
        YamlNode typeNode = spec.get("type");
        if (typeNode != null) {
            String typeName = text(typeNode, "type");
            if (typeName != null) {
                try {
                    type = ParamType.valueOf(typeName.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    List<String> known = java.util.Arrays.stream(ParamType.values())
                            .map(t -> t.name().toLowerCase(Locale.ROOT)).toList();
                    problem(typeNode.pos(), "unknown parameter type `" + typeName + "`"
                            + NameSuggester.hint(typeName, known) + "; use one of " + String.join(", ", known));
                    return null;
                }
            }
        }
        boolean required = bool(spec.get("required"), "required", false);
        Object defaultValue = null;
        YamlNode defaultNode = spec.get("default");
        if (defaultNode != null) {
            defaultValue = defaultValue(name, type, defaultNode);
            if (required) {
                problem(spec.entries().get("default").keyPos(),
                        "parameter `" + name + "` is required and has a default; drop one of them");
            }
        }
        String description = optionalText(spec.get("description"), "description");
        return new ParamSpec(name, type, required, defaultValue, description == null ? "" : description, entry.keyPos());
    }

    private Object defaultValue(String name, ParamType type, YamlNode node) {
        if (type == ParamType.LIST) {
            if (!(node instanceof YamlNode.Sequence seq)) {
                problem(node.pos(), "default of `" + name + "` must be a list like [a, b]");
                return null;
            }
            List<String> items = new ArrayList<>();
            for (YamlNode item : seq.items()) {
                String text = text(item, "list item");
                if (text != null) {
                    items.add(text);
                }
            }
            return List.copyOf(items);
        }
        if (!(node instanceof YamlNode.Scalar scalar) || scalar.isNull()) {
            problem(node.pos(), "default of `" + name + "` must be a single " + type.name().toLowerCase(Locale.ROOT)
                    + " value, not " + YamlNode.describe(node));
            return null;
        }
        if (type == ParamType.INT && !scalar.kind().equals("int")) {
            problem(node.pos(), "default of `" + name + "`: \"" + scalar.text() + "\" is not a whole number");
            return null;
        }
        if (type == ParamType.BOOL && !scalar.kind().equals("bool")) {
            problem(node.pos(), "default of `" + name + "`: \"" + scalar.text() + "\" is not true or false");
            return null;
        }
        try {
            return ParamValueParser.parse(type, scalar.text());
        } catch (IllegalArgumentException e) {
            problem(node.pos(), "default of `" + name + "`: " + e.getMessage());
            return null;
        }
    }

    private Map<String, SecretSpec> secrets(YamlNode node) {
        Map<String, SecretSpec> secrets = new LinkedHashMap<>();
        if (node == null || isNull(node)) {
            return secrets;
        }
        if (!(node instanceof YamlNode.Mapping map)) {
            problem(node.pos(), "`secrets` must be a mapping of name to {length: N}, not " + YamlNode.describe(node));
            return secrets;
        }
        for (YamlNode.Entry entry : map.entries().values()) {
            String name = entry.key();
            if (!checkName(name, entry.keyPos(), "secret")) {
                continue;
            }
            int length = DEFAULT_SECRET_LENGTH;
            boolean reveal = false;
            if (entry.value() instanceof YamlNode.Mapping spec) {
                checkKeys(spec, SECRET_KEYS, "secret `" + name + "`");
                Integer given = integer(spec.get("length"), "length");
                if (given != null) {
                    if (given < 8 || given > 1024) {
                        problem(spec.get("length").pos(), "secret length must be between 8 and 1024");
                    } else {
                        length = given;
                    }
                }
                reveal = bool(spec.get("reveal"), "reveal", false);
            } else if (!isNull(entry.value())) {
                problem(entry.value().pos(), "secret `" + name + "` must be a mapping like {length: 24}");
            }
            secrets.put(name, new SecretSpec(name, length, reveal, entry.keyPos()));
        }
        return secrets;
    }

    // ---- stages and steps ---------------------------------------------------------------------

    private List<Stage> stages(YamlNode node) {
        List<Stage> stages = new ArrayList<>();
        if (!(node instanceof YamlNode.Sequence seq)) {
            problem(node.pos(), "`stages` must be a list of stages (- stage: NAME), not " + YamlNode.describe(node));
            return stages;
        }
        Map<String, SourcePos> seen = new LinkedHashMap<>();
        for (YamlNode item : seq.items()) {
            if (!(item instanceof YamlNode.Mapping stage)) {
                problem(item.pos(), "a stage must be a mapping with `stage:` and `steps:`, not " + YamlNode.describe(item));
                continue;
            }
            checkKeys(stage, STAGE_KEYS, "stage");
            String name = null;
            if (stage.has("stage") && stage.has("name")) {
                problem(stage.entries().get("name").keyPos(), "a stage has `stage:` or `name:`, not both");
            }
            YamlNode nameNode = stage.has("stage") ? stage.get("stage") : stage.get("name");
            if (nameNode == null) {
                problem(stage.pos(), "stage has no name (add `stage: NAME`)");
            } else {
                name = text(nameNode, "stage");
                if (name != null && seen.containsKey(name)) {
                    problem(nameNode.pos(), "duplicate stage name `" + name + "` (first at line "
                            + seen.get(name).line() + ")");
                } else if (name != null) {
                    seen.put(name, nameNode.pos());
                }
            }
            List<Step> steps = List.of();
            YamlNode stepsNode = stage.get("steps");
            if (stepsNode == null) {
                problem(stage.pos(), "stage `" + name + "` has no `steps`");
            } else {
                steps = steps(stepsNode, "stage `" + name + "`");
            }
            stages.add(new Stage(name, steps, stage.pos()));
        }
        return stages;
    }

    private Post post(YamlNode node) {
        if (node == null || isNull(node)) {
            return Post.EMPTY;
        }
        if (!(node instanceof YamlNode.Mapping post)) {
            problem(node.pos(), "`post` must be a mapping with always/success/failure lists, not " + YamlNode.describe(node));
            return Post.EMPTY;
        }
        checkKeys(post, POST_KEYS, "post");
        return new Post(postBlock(post, "always"), postBlock(post, "success"), postBlock(post, "failure"));
    }

    private List<Step> postBlock(YamlNode.Mapping post, String key) {
        YamlNode node = post.get(key);
        return node == null || isNull(node) ? List.of() : steps(node, "post." + key);
    }

    private List<Step> steps(YamlNode node, String where) {
        List<Step> steps = new ArrayList<>();
        if (!(node instanceof YamlNode.Sequence seq)) {
            problem(node.pos(), "steps of " + where + " must be a list (- name: ...), not " + YamlNode.describe(node));
            return steps;
        }
        Map<String, SourcePos> seen = new LinkedHashMap<>();
        for (YamlNode item : seq.items()) {
            Step step = new StepBuilder(item, where, seen).build();
            if (step != null) {
                steps.add(step);
            }
        }
        return steps;
    }

    /** Builds one step; a class so the many fields of a step are read in one place. */
    private final class StepBuilder {
        private final YamlNode node;
        private final String where;
        private final Map<String, SourcePos> namesInBlock;
        private YamlNode.Mapping step;
        private String loopVar;

        StepBuilder(YamlNode node, String where, Map<String, SourcePos> namesInBlock) {
            this.node = node;
            this.where = where;
            this.namesInBlock = namesInBlock;
        }

        Step build() {
            if (!(node instanceof YamlNode.Mapping map)) {
                problem(node.pos(), "a step must be a mapping (- name: ..., check: ...), not " + YamlNode.describe(node));
                return null;
            }
            step = map;
            checkKeys(step, STEP_KEYS, "step");
            String name = name();

            List<String> kinds = step.entries().keySet().stream().filter(KIND_KEYS::contains).toList();
            String kindKey = kinds.isEmpty() ? null : kinds.get(0);
            if (kinds.size() > 1) {
                problem(keyPos(kinds.get(1)), "step `" + name + "` has several kinds (" + String.join(", ", kinds)
                        + "); keep exactly one");
            }
            if (kindKey == null && !step.has("set") && !step.has("findings")) {
                problem(step.pos(), "step `" + name + "` has no kind: add one of check, action, shell, verify, "
                        + "approve, runbook, uses (or only set/findings)");
            }

            String foreach = null;
            if (step.has("foreach")) {
                foreach = text(step.get("foreach"), "foreach");
                if (foreach != null && foreach.isBlank()) {
                    problem(step.get("foreach").pos(), "`foreach` needs an expression yielding a list");
                    foreach = null;
                }
                if (foreach != null) {
                    names.expression((YamlNode.Scalar) step.get("foreach"), "foreach", null);
                }
            }
            String as = null;
            if (step.has("as")) {
                as = text(step.get("as"), "as");
                if (!step.has("foreach")) {
                    problem(keyPos("as"), "`as` without `foreach`: it names the loop variable of a foreach");
                } else if (as != null && checkName(as, step.get("as").pos(), "loop variable")) {
                    loopVar = as;
                }
            } else if (step.has("foreach")) {
                as = "item";
                loopVar = "item";
            }

            StepKind kind = StepKind.CHECK;
            String command = null;
            String assertion = null;
            String message = null;
            String runbookRef = null;
            ModuleSignature module = null;
            boolean readonly = false;
            if (step.has("readonly")) {
                readonly = bool(step.get("readonly"), "readonly", false);
                if (!"shell".equals(kindKey)) {
                    problem(keyPos("readonly"), "`readonly` only applies to `shell` steps (check is read-only, action is not)");
                }
            }
            if (kindKey != null) {
                YamlNode value = step.get(kindKey);
                switch (kindKey) {
                    case "check" -> command = template(value, "check", Usage.SHELL);
                    case "action" -> {
                        kind = StepKind.ACTION;
                        command = template(value, "action", Usage.SHELL);
                    }
                    case "shell" -> {
                        // Raw shell changes things unless it says otherwise: safety fails closed.
                        kind = readonly ? StepKind.CHECK : StepKind.ACTION;
                        command = template(value, "shell", Usage.SHELL);
                    }
                    case "verify" -> {
                        kind = StepKind.VERIFY;
                        assertion = expression(value, "verify");
                    }
                    case "approve" -> {
                        kind = StepKind.APPROVE;
                        message = template(value, "approve", Usage.PLAIN);
                    }
                    case "uses" -> {
                        String moduleName = text(value, "uses");
                        module = moduleName == null ? null : modules.find(moduleName).orElse(null);
                        if (moduleName != null && module == null) {
                            List<String> known = modules.all().stream().map(ModuleSignature::name).sorted().toList();
                            String hint = NameSuggester.closest(moduleName, known);
                            problem(value.pos(), "unknown step type `" + moduleName + "`"
                                    + (hint == null ? "" : " (did you mean `" + hint + "`?)")
                                    + (known.isEmpty() ? "" : "; known: " + String.join(", ", known)));
                        }
                        // The module, not the runbook, says whether it changes things.
                        kind = module == null ? StepKind.ACTION : module.kind();
                    }
                    default -> {
                        kind = StepKind.RUNBOOK;
                        runbookRef = text(value, "runbook");
                        if (runbookRef != null && runbookRef.isBlank()) {
                            problem(value.pos(), "`runbook` needs the name or path of a runbook");
                        }
                    }
                }
            }
            boolean commandStep = kindKey != null && Set.of("check", "action", "shell").contains(kindKey);
            if (step.has("message")) {
                if (kind != StepKind.VERIFY) {
                    problem(keyPos("message"), kind == StepKind.APPROVE
                            ? "an approve step takes its text from `approve:`; drop `message`"
                            : "`message` is only used by verify steps");
                } else {
                    message = template(step.get("message"), "message", Usage.PLAIN);
                }
            }
            String pendingStatus = null;
            if (step.has("status")) {
                YamlNode statusNode = step.get("status");
                String given = text(statusNode, "status");
                if (kind != StepKind.VERIFY) {
                    problem(keyPos("status"), "`status` is only used by verify steps (the host status when it fails)");
                } else if (given != null && !PENDING_STATUS.matcher(given).matches()) {
                    problem(statusNode.pos(), "`status` must be pending-WORD (e.g. pending-delisting): a failing verify that"
                            + " is expected to pass by itself later; got `" + given + "`");
                } else {
                    pendingStatus = given;
                }
            }
            String stdin = null;
            Map<String, String> env = Map.of();
            for (String key : List.of("stdin", "env")) {
                if (step.has(key) && !commandStep) {
                    problem(keyPos(key), "`" + key + "` only applies to command steps (check, action, shell)");
                }
            }
            if (step.has("stdin")) {
                stdin = template(step.get("stdin"), "stdin", Usage.SECRET);
            }
            if (step.has("env")) {
                env = templateMap(step.get("env"), "env", Usage.SECRET, true);
            }
            Map<String, String> with = Map.of();
            boolean usesStep = "uses".equals(kindKey);
            if (step.has("with")) {
                if (kind != StepKind.RUNBOOK && !usesStep) {
                    problem(keyPos("with"), "`with` only applies to runbook and uses steps");
                }
                // Modules may take secrets (a new password): they pass them on stdin themselves.
                with = templateMap(step.get("with"), "with", usesStep ? Usage.SECRET : Usage.PLAIN, false);
            }
            if (module != null) {
                YamlNode withNode = step.get("with");
                for (String key : with.keySet()) {
                    if (!module.parameters().contains(key)) {
                        String hint = NameSuggester.closest(key, module.parameters());
                        YamlNode.Entry e = withNode instanceof YamlNode.Mapping m ? m.entries().get(key) : null;
                        problem(e == null ? keyPos("with") : e.keyPos(), "`" + module.name() + "` takes no `" + key + "`"
                                + (hint == null ? "" : " (did you mean `" + hint + "`?)")
                                + "; it takes " + String.join(", ", new java.util.TreeSet<>(module.parameters())));
                    }
                }
                for (String key : new java.util.TreeSet<>(module.required())) {
                    if (!with.containsKey(key)) {
                        problem(keyPos("uses"), "`" + module.name() + "` needs `" + key + "` in `with:`");
                    }
                }
            }
            String when = step.has("when") ? expression(step.get("when"), "when") : null;
            String register = null;
            if (step.has("register")) {
                register = text(step.get("register"), "register");
                if (register != null && checkName(register, step.get("register").pos(), "register name")) {
                    names.defineRegister(register, step.get("register").pos());
                }
            }
            Duration timeout = null;
            if (step.has("timeout")) {
                timeout = duration(step.get("timeout"), "timeout");
                if (timeout != null && timeout.isZero()) {
                    problem(step.get("timeout").pos(), "`timeout` must be more than zero");
                    timeout = null;
                }
            }
            int retry = 0;
            if (step.has("retry")) {
                Integer given = integer(step.get("retry"), "retry");
                if (given != null && (given < 0 || given > MAX_RETRY)) {
                    problem(step.get("retry").pos(), "`retry` must be between 0 and " + MAX_RETRY);
                } else if (given != null) {
                    retry = given;
                }
            }
            Duration retryDelay = Duration.ZERO;
            if (step.has("retry_delay")) {
                Duration given = duration(step.get("retry_delay"), "retry_delay");
                retryDelay = given == null ? Duration.ZERO : given;
            }
            Map<String, String> set = expressionMap(step.get("set"), "set", true);
            Map<String, String> findings = expressionMap(step.get("findings"), "findings", false);
            boolean ignoreErrors = bool(step.get("ignore_errors"), "ignore_errors", false);
            return new Step(name, kind, command, assertion, message, when, foreach, as, register, timeout, retry,
                    retryDelay, stdin, env, runbookRef, with, set, findings, ignoreErrors, step.pos(),
                    module == null ? null : module.name(), pendingStatus);
        }

        private String name() {
            YamlNode nameNode = step.get("name");
            if (nameNode == null) {
                problem(step.pos(), "step has no `name`");
                return "?";
            }
            String name = text(nameNode, "name");
            if (name == null || name.isBlank()) {
                if (name != null) {
                    problem(nameNode.pos(), "step `name` is empty");
                }
                return "?";
            }
            SourcePos first = namesInBlock.putIfAbsent(name, nameNode.pos());
            if (first != null) {
                problem(nameNode.pos(), "duplicate step name `" + name + "` in " + where + " (first at line "
                        + first.line() + ")");
            }
            return name;
        }

        private SourcePos keyPos(String key) {
            return step.entries().get(key).keyPos();
        }

        private String expression(YamlNode value, String field) {
            String text = text(value, field);
            if (text != null) {
                if (text.isBlank()) {
                    problem(value.pos(), "`" + field + "` needs an expression");
                    return null;
                }
                names.expression((YamlNode.Scalar) value, field, loopVar);
            }
            return text;
        }

        private String template(YamlNode value, String field, Usage usage) {
            String text = text(value, field);
            if (text != null) {
                names.template((YamlNode.Scalar) value, field, usage, loopVar);
            }
            return text;
        }

        private Map<String, String> templateMap(YamlNode value, String field, Usage usage, boolean envNames) {
            Map<String, String> result = new LinkedHashMap<>();
            if (!(value instanceof YamlNode.Mapping map)) {
                problem(value.pos(), "`" + field + "` must be a mapping of name to value, not " + YamlNode.describe(value));
                return result;
            }
            for (YamlNode.Entry entry : map.entries().values()) {
                if (envNames && !IDENTIFIER.matcher(entry.key()).matches()) {
                    problem(entry.keyPos(), "`" + entry.key() + "` is not a valid environment variable name");
                }
                String text = template(entry.value(), field + "." + entry.key(), usage);
                if (text != null) {
                    result.put(entry.key(), text);
                }
            }
            return result;
        }

        private Map<String, String> expressionMap(YamlNode value, String field, boolean defines) {
            Map<String, String> result = new LinkedHashMap<>();
            if (value == null) {
                return result;
            }
            if (!(value instanceof YamlNode.Mapping map)) {
                problem(value.pos(), "`" + field + "` must be a mapping of name to expression, not " + YamlNode.describe(value));
                return result;
            }
            for (YamlNode.Entry entry : map.entries().values()) {
                if (defines) {
                    if (!checkName(entry.key(), entry.keyPos(), "`set` name")) {
                        continue;
                    }
                    names.defineSet(entry.key(), entry.keyPos());
                }
                String text = expression(entry.value(), field + "." + entry.key());
                if (text != null) {
                    result.put(entry.key(), text);
                }
            }
            return result;
        }
    }

    enum Usage {
        /** A remote command: values are shell-quoted; no secrets. */
        SHELL,
        /** Text for people or a sub-runbook: no secrets. */
        PLAIN,
        /** stdin or env: the only places a secret may go. */
        SECRET
    }

    // ---- scalar helpers -------------------------------------------------------------------------

    private boolean checkName(String name, SourcePos pos, String what) {
        if (!IDENTIFIER.matcher(name).matches()) {
            problem(pos, what + " `" + name + "` must be a name usable in expressions (letters, digits, _)");
            return false;
        }
        if (GROOVY_WORDS.contains(name)) {
            problem(pos, what + " `" + name + "` is a Groovy keyword or type; choose another name");
            return false;
        }
        if (Character.isUpperCase(name.charAt(0))) {
            // Expressions read a capitalised name as a class (List, Queue...), never as a value.
            problem(pos, what + " `" + name + "` must start with a lowercase letter or _");
            return false;
        }
        if (BUILTINS.contains(name)) {
            problem(pos, what + " `" + name + "` is a built-in name (" + String.join(", ", BUILTINS) + ")");
            return false;
        }
        return true;
    }

    private void checkKeys(YamlNode.Mapping map, Set<String> allowed, String what) {
        for (YamlNode.Entry entry : map.entries().values()) {
            if (!allowed.contains(entry.key())) {
                problem(entry.keyPos(), "unknown key `" + entry.key() + "` in " + what
                        + NameSuggester.hint(entry.key(), allowed));
            }
        }
    }

    private static boolean isNull(YamlNode node) {
        return node instanceof YamlNode.Scalar s && s.isNull();
    }

    /** The text of a scalar value; null (with a problem) for anything else. */
    private String text(YamlNode node, String field) {
        if (node instanceof YamlNode.Scalar scalar) {
            if (scalar.isNull()) {
                problem(node.pos(), "`" + field + "` needs a value");
                return null;
            }
            return scalar.text();
        }
        problem(node.pos(), "`" + field + "` must be text, not " + YamlNode.describe(node));
        return null;
    }

    private String optionalText(YamlNode node, String field) {
        return node == null ? null : text(node, field);
    }

    private boolean bool(YamlNode node, String field, boolean fallback) {
        if (node == null) {
            return fallback;
        }
        if (node instanceof YamlNode.Scalar s && s.kind().equals("bool")) {
            return Boolean.parseBoolean(s.text().toLowerCase(Locale.ROOT))
                    || s.text().equalsIgnoreCase("yes") || s.text().equalsIgnoreCase("on");
        }
        problem(node.pos(), "`" + field + "` must be true or false, not " + YamlNode.describe(node));
        return fallback;
    }

    private Integer integer(YamlNode node, String field) {
        if (node == null) {
            return null;
        }
        if (node instanceof YamlNode.Scalar s && s.kind().equals("int")) {
            try {
                return Integer.parseInt(s.text());
            } catch (NumberFormatException e) {
                problem(node.pos(), "`" + field + "` is too large");
                return null;
            }
        }
        String shown = node instanceof YamlNode.Scalar s && !s.isNull() ? "\"" + s.text() + "\"" : YamlNode.describe(node);
        problem(node.pos(), "`" + field + "` must be a whole number, not " + shown);
        return null;
    }

    private Duration duration(YamlNode node, String field) {
        if (node instanceof YamlNode.Scalar s && !s.isNull()) {
            try {
                return DurationParser.parse(s.text());
            } catch (IllegalArgumentException e) {
                problem(node.pos(), "`" + field + "`: " + e.getMessage());
                return null;
            }
        }
        problem(node.pos(), "`" + field + "` must be a duration (" + DurationParser.EXAMPLES + ")");
        return null;
    }

    private void problem(SourcePos pos, String message) {
        problems.add(new Problem(pos, message));
    }
}

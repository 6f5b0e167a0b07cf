package org.quench.runbook;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One step as written in a runbook. Strings holding templates ({@code command}, {@code stdin},
 * {@code env} values, {@code with} values, {@code message}) use {@code {{ expr }}} placeholders;
 * strings holding expressions ({@code when}, {@code foreach}, {@code assertion}, {@code set} and
 * {@code findings} values) are plain Groovy expressions.
 *
 * @param name        human name, unique within its stage
 * @param kind        check | action | verify | approve | runbook
 * @param command     shell command template (check and action), else null
 * @param assertion   boolean expression (verify), else null
 * @param message     text shown by approve, or by a failing verify (template, not quoted)
 * @param when        expression; the step is skipped when false (null: always)
 * @param foreach     expression yielding a collection; the step runs once per item (null: once)
 * @param as          loop variable name for foreach (default "item")
 * @param register    name under which the result is stored for later steps (null: not stored)
 * @param timeout     command timeout (null: engine default)
 * @param retry       extra attempts after a failure (0: none)
 * @param retryDelay  pause between attempts
 * @param stdin       template whose rendered value is sent on the command's stdin (not quoted)
 * @param env         environment for the command: name to template (values are sent on stdin
 *                    over SSH so they never appear in argv)
 * @param runbookRef  sub-runbook name or path (kind runbook), else null
 * @param with        parameters for the sub-runbook: name to template (not quoted)
 * @param set         computed values: name to expression, evaluated after the step ran
 * @param findings    findings to report: key to expression, evaluated after the step ran
 * @param ignoreErrors when true a failing command does not fail the host
 * @param pos         where the step starts in its file
 * @param uses        built-in step type (a module) this step runs, with {@code with} as its
 *                    arguments (templates; a value that is exactly one placeholder keeps its type);
 *                    null for other steps. The module fixes the kind.
 * @param pendingStatus verify only: the host status when the assertion is false, {@code pending-…}
 *                    (e.g. {@code pending-delisting}: still listed after remediation, which only
 *                    time and the list operator fix); such a failure does not stop the later steps
 *                    and exits 1. Null: a failing verify makes the host {@code unstable}.
 */
public record Step(String name, StepKind kind, String command, String assertion, String message,
                   String when, String foreach, String as, String register, Duration timeout,
                   int retry, Duration retryDelay, String stdin, Map<String, String> env,
                   String runbookRef, Map<String, String> with, Map<String, String> set,
                   Map<String, String> findings, boolean ignoreErrors, SourcePos pos, String uses,
                   String pendingStatus) {
}

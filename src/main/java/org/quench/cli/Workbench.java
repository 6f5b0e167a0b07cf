package org.quench.cli;

import org.quench.engine.Engine;
import org.quench.engine.ProgressListener;
import org.quench.engine.ModuleRegistry;
import org.quench.engine.RunJournal;
import org.quench.engine.SecretVault;
import org.quench.engine.TransportOpener;
import org.quench.expr.ExpressionEngine;
import org.quench.inventory.Host;
import org.quench.inventory.HostPatternException;
import org.quench.inventory.Inventory;
import org.quench.inventory.InventoryException;
import org.quench.inventory.InventoryLoader;
import org.quench.inventory.Shard;
import org.quench.runbook.DurationParser;
import org.quench.runbook.ParamValues;
import org.quench.runbook.Runbook;
import org.quench.runbook.RunbookException;
import org.quench.runbook.RunbookLoader;
import org.quench.transport.SshOptions;
import org.quench.transport.TransportFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the subcommands share: loading runbooks and inventories with user-facing errors (exit 2),
 * and wiring the engine to the real transports.
 */
final class Workbench {
    private final ExpressionEngine expr;
    private final ModuleRegistry modules = Modules.all();
    private final RunbookLoader loader;

    /** For commands that only load runbooks: expressions are checked, never compiled to classes. */
    Workbench() {
        this(false);
    }

    /** @param forRun compile every expression to its runnable class while loading (a run evaluates most of them) */
    Workbench(boolean forRun) {
        expr = new ExpressionEngine(ExpressionEngine.DEFAULT_TIME_LIMIT, forRun);
        loader = new RunbookLoader(expr, modules);
    }

    ExpressionEngine expressions() {
        return expr;
    }

    RunbookLoader loader() {
        return loader;
    }

    Runbook loadRunbook(Path file) {
        try {
            return loader.load(file);
        } catch (RunbookException e) {
            throw new UserError(ExitCodes.USAGE, "invalid runbook:\n" + e.getMessage());
        }
    }

    Map<String, Object> bindParams(Runbook runbook, Map<String, String> given) {
        try {
            return ParamValues.bind(runbook, given);
        } catch (org.quench.runbook.ParameterException | IllegalArgumentException e) {
            throw new UserError(ExitCodes.USAGE, e.getMessage());
        }
    }

    Inventory loadInventory(InventoryOptions options) {
        Path path = Locations.inventory(options.inventory);
        try {
            return InventoryLoader.load(path);
        } catch (InventoryException e) {
            throw new UserError(ExitCodes.USAGE, "invalid inventory:\n" + e.getMessage());
        }
    }

    List<Host> selectHosts(InventoryOptions options) {
        Inventory inventory = loadInventory(options);
        inventory.warnings().forEach(w -> System.err.println("quench: warning: " + w));
        List<Host> selected;
        try {
            selected = inventory.select(options.limit);
        } catch (HostPatternException e) {
            throw UserError.usage(e.getMessage());
        }
        if (options.shard == null) return selected;
        try {
            return Shard.parse(options.shard).select(selected);
        } catch (IllegalArgumentException e) {
            throw UserError.usage(e.getMessage());
        }
    }

    SshOptions sshOptions(ConnectionOptions c) {
        return SshOptions.fromEnvironment(c.knownHosts)
                .withConnectTimeout(duration("--connect-timeout", c.connectTimeout));
    }

    Duration commandTimeout(ConnectionOptions c) {
        return duration("--timeout", c.commandTimeout);
    }

    TransportOpener transports(ConnectionOptions c) {
        SshOptions options = sshOptions(c);
        TransportFactory factory = new TransportFactory();
        return host -> factory.open(host, options);
    }

    Engine engine(ConnectionOptions c, ProgressListener listener, SecretVault vault, RunJournal journal) {
        return new Engine(expr, ref -> loader.load(Locations.runbook(ref)), this::bindSubParams,
                transports(c), listener, vault, modules, journal);
    }

    /** A step's {@code with:} values, typed already or as text, go through the same checks as -e. */
    private Map<String, Object> bindSubParams(Runbook runbook, Map<String, Object> given) throws org.quench.runbook.ParameterException {
        Map<String, String> text = new LinkedHashMap<>();
        // A null (an optional value the caller does not have) leaves the parameter to its default.
        given.forEach((k, v) -> {
            if (v != null) text.put(k, v instanceof Iterable<?> it ? join(it)
                    : v instanceof Duration d ? DurationParser.format(d) : String.valueOf(v));
        });
        return ParamValues.bind(runbook, text);
    }

    private static String join(Iterable<?> items) {
        StringBuilder sb = new StringBuilder();
        for (Object o : items) {
            if (!sb.isEmpty()) sb.append(',');
            sb.append(o);
        }
        return sb.toString();
    }

    static Duration duration(String option, String value) {
        try {
            return DurationParser.parse(value);
        } catch (IllegalArgumentException e) {
            throw UserError.usage(option + ": " + e.getMessage());
        }
    }
}

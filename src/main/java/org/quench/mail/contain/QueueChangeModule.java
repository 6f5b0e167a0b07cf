package org.quench.mail.contain;

import org.quench.engine.ModuleCall;
import org.quench.engine.ModuleContext;
import org.quench.engine.ModuleFailure;
import org.quench.engine.StepModule;
import org.quench.inventory.Host;
import org.quench.mail.queue.MailQueue;
import org.quench.mail.queue.QueueAction;
import org.quench.mail.queue.QueueActions;
import org.quench.mail.queue.QueueChange;
import org.quench.mail.queue.QueueChangeRefused;
import org.quench.mail.queue.QueueRunState;
import org.quench.runbook.ModuleSignature;
import org.quench.runbook.StepKind;
import org.quench.transport.TransportException;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code postfix.hold}, {@code postfix.release}, {@code postfix.delete}: one postsuper over exact
 * queue ids (on stdin), then the queue is listed again because postsuper exits 0 for ids it never
 * found; delete with {@code require_hold} runs {@code postsuper -d - hold}, which deletes only what
 * is on hold at that moment. The plan shows the postsuper command; the listings around it ({@code postqueue -j}) only
 * read, and appear in the run's command log.
 *
 * <p>Delete refuses ids that are queued but not on hold unless {@code require_hold: false}: the
 * runbook holds, saves evidence, then deletes, so nothing is deleted that was not first frozen and
 * recorded (PRODUCT.md §3 "Nothing lost"). Ids already gone count as done, not as refused.
 *
 * <p>Returns {@code {requested, changed, already}} (counts: ids asked for, ids this step changed,
 * ids already in the wanted state) and fails the step when any requested id did not reach it.
 */
public final class QueueChangeModule implements StepModule {
    private final QueueAction action;
    private final String name;

    private QueueChangeModule(QueueAction action, String name) {
        this.action = action;
        this.name = name;
    }

    public static QueueChangeModule hold() {
        return new QueueChangeModule(QueueAction.HOLD, "postfix.hold");
    }

    public static QueueChangeModule release() {
        return new QueueChangeModule(QueueAction.RELEASE, "postfix.release");
    }

    public static QueueChangeModule delete() {
        return new QueueChangeModule(QueueAction.DELETE, "postfix.delete");
    }

    @Override
    public ModuleSignature signature() {
        Set<String> params = action == QueueAction.DELETE ? Set.of("ids", "require_hold") : Set.of("ids");
        String what = switch (action) {
            case HOLD -> "put queued messages on hold";
            case RELEASE -> "release held messages";
            case DELETE -> "delete held messages";
        };
        return new ModuleSignature(name, StepKind.ACTION, params, Set.of("ids"), what + " (exact queue ids, verified)");
    }

    @Override
    public ModuleCall prepare(Host host, Map<String, Object> args) {
        StepArguments a = new StepArguments(name, args);
        List<String> ids = QueueIdArgument.of(name, a);
        boolean requireHold = action == QueueAction.DELETE && a.bool("require_hold", true);
        ZoneId zone = HostZone.of(host);
        // With require_hold, postsuper itself searches only the hold queue: what is not on hold when
        // it runs (released meanwhile, or a reused id) is left alone, whatever any listing said.
        List<String> queues = requireHold ? List.of("hold") : List.of();
        String command = QueueActions.command(action, queues);
        return new ModuleCall() {
            @Override
            public List<PlannedCommand> commands() {
                if (ids.isEmpty()) return List.of();
                return List.of(new PlannedCommand(command, QueueIdArgument.summary(ids)));
            }

            @Override
            public Object execute(ModuleContext ctx) throws ModuleFailure, TransportException {
                if (ids.isEmpty()) return result(0, 0, 0);
                ContextTransport t = new ContextTransport(ctx);
                QueueRunState state = ctx.hostState(QueueRunState.class, QueueRunState::new);
                QueueActions actions = new QueueActions(t, new MailQueue(t, ctx.timeout(), zone, state), ctx.timeout());
                QueueChange change;
                try {
                    // The hold-before-delete check reads the latest listing of this run (usually the
                    // one the hold step verified with) instead of listing again: a stale listing
                    // cannot make it delete unheld mail, since postsuper -d - hold only touches what
                    // is on hold when it runs; whatever it left is caught by the listing after it.
                    change = actions.apply(action, ids, requireHold ? this::unheld : null,
                            requireHold ? state.lastListing() : null, queues);
                } catch (QueueChangeRefused e) {
                    throw new ModuleFailure(e.getMessage());
                } finally {
                    if (actions.lastListing() != null) state.lastListing(actions.lastListing());
                }
                if (!change.complete()) {
                    List<String> left = new ArrayList<>(change.unchanged());
                    throw new ModuleFailure(name + ": " + left.size() + " of " + ids.size() + " messages not "
                            + done() + " after postsuper: " + QueueIdArgument.summary(left)
                            + (change.postsuperOutput().isBlank() ? "" : "; postsuper said: " + lastLine(change.postsuperOutput())));
                }
                return result(ids.size(), change.changed().size(), change.already().size());
            }

            /** Ids queued but not on hold (ids already gone are done, not refused). */
            private String unheld(Map<String, String> queueNames) {
                List<String> unheld = ids.stream()
                        .filter(id -> queueNames.containsKey(id) && !"hold".equals(queueNames.get(id))).toList();
                return unheld.isEmpty() ? null : name + ": refusing to delete " + unheld.size() + " messages that are not on hold: "
                        + QueueIdArgument.summary(unheld) + ". Hold them (postfix.hold) and save evidence first,"
                        + " or set require_hold: false";
            }
        };
    }

    private String done() {
        return switch (action) {
            case HOLD -> "on hold";
            case RELEASE -> "released";
            case DELETE -> "deleted";
        };
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    private static Map<String, Object> result(int requested, int changed, int already) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requested", requested);
        m.put("changed", changed);
        m.put("already", already);
        return m;
    }
}

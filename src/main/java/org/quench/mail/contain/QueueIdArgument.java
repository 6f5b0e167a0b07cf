package org.quench.mail.contain;

import org.quench.mail.queue.QueueId;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The {@code ids} of a queue step: validated before anything is planned (a value that is not a
 * queue id never reaches a command, and the plan names no step that could not run), duplicates
 * dropped, and summarised for the plan without listing thousands of ids.
 */
final class QueueIdArgument {
    private static final int SHOWN = 3;

    private QueueIdArgument() {
    }

    static List<String> of(String module, StepArguments a) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(a.list("ids")));
        List<String> bad = ids.stream().filter(id -> !QueueId.isValid(id)).limit(SHOWN).toList();
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException(module + ": not a Postfix queue id: "
                    + String.join(", ", bad.stream().map(QueueIdArgument::printable).toList()));
        }
        return ids;
    }

    /** {@code 40 queue ids (A1B2C3D4E5, B2C3D4E5F6, C3D4E5F6A7, …)}. */
    static String summary(List<String> ids) {
        String head = String.join(", ", ids.subList(0, Math.min(SHOWN, ids.size())));
        return ids.size() + (ids.size() == 1 ? " queue id (" : " queue ids (") + head
                + (ids.size() > SHOWN ? ", …)" : ")");
    }

    /** An invalid id is attacker-influenced text: show it quoted and short, never raw. */
    private static String printable(String id) {
        String s = id.length() > 40 ? id.substring(0, 40) + "…" : id;
        return "'" + s.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}

package org.quench.engine;

import java.util.List;

/** One prepared module invocation: what it will run, and running it. */
public interface ModuleCall {

    /**
     * The exact commands an action will run, each with a description of what it gets on stdin —
     * shown in the plan and compared with the plan the engineer confirmed. A check may describe its
     * commands too (or return an empty list).
     */
    List<PlannedCommand> commands();

    /**
     * Runs it and returns the value a {@code register:} keeps: maps, lists and scalars only, so
     * expressions and the JSON report can read it.
     *
     * @throws ModuleFailure when it ran but did not achieve its purpose (shown as the step's failure)
     */
    Object execute(ModuleContext context) throws ModuleFailure, org.quench.transport.TransportException;

    /** A call whose plan is known when it is prepared (the usual case for actions). */
    static ModuleCall of(List<PlannedCommand> commands, Execution execution) {
        List<PlannedCommand> planned = List.copyOf(commands);
        return new ModuleCall() {
            @Override
            public List<PlannedCommand> commands() {
                return planned;
            }

            @Override
            public Object execute(ModuleContext context) throws ModuleFailure, org.quench.transport.TransportException {
                return execution.execute(context);
            }
        };
    }

    /** What {@link #execute} does, as a lambda for {@link #of}. */
    @FunctionalInterface
    interface Execution {
        Object execute(ModuleContext context) throws ModuleFailure, org.quench.transport.TransportException;
    }

    /** A command and what it reads on stdin (null when nothing), as shown to the engineer. */
    record PlannedCommand(String command, String stdinSummary) {
        @Override
        public String toString() {
            return stdinSummary == null ? command : command + "   <<< " + stdinSummary;
        }
    }
}

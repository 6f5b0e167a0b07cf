package org.quench.mail.queue;

/** The postsuper operations quench performs, each reading queue ids from stdin ({@code -}). */
public enum QueueAction {
    HOLD("postsuper -h -"),
    RELEASE("postsuper -H -"),
    DELETE("postsuper -d -");

    private final String command;

    QueueAction(String command) {
        this.command = command;
    }

    /** The exact command; ids travel on stdin, one per line, never in argv. */
    public String command() {
        return command;
    }
}

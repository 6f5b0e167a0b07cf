package org.quench.lab.mail;

import java.io.IOException;

/** The server refused a command; the message holds the command's name and the reply. */
public class SmtpException extends IOException {
    private final SmtpReply reply;

    public SmtpException(String what, SmtpReply reply) {
        super(what + " refused: " + reply);
        this.reply = reply;
    }

    public SmtpReply reply() {
        return reply;
    }
}

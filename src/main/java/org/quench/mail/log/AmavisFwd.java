package org.quench.mail.log;

import java.util.List;

/**
 * {@code (ID) MAILID FWD from <from> -> <to>,…, BODY=… 250 2.0.0 from MTA(…): 250 2.0.0 Ok:
 * queued as Q}. {@code failed} marks the {@code (!)FWD} form (the reinjecting MTA refused).
 * The envelope sender is as amavis saw it: for outbound mail a sender that differs from the
 * login is a forged-sender signal.
 */
public record AmavisFwd(LogHeader header, String mailId, String from, List<String> to,
                        boolean failed, String queuedAs, String reply) implements MailEvent {
}

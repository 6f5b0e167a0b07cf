package org.quench.mail.log;

/**
 * cleanup refusing or flagging content: {@code QID: milter-reject: END-OF-MESSAGE from
 * name[ip]: 5.7.1 TEXT; from=<…> to=<…> …} or a header/body check
 * {@code QID: reject: header Subject: … from name[ip]; from=<…> to=<…> proto=… helo=<…>: 5.7.1 TEXT}.
 *
 * @param action  {@code reject}, {@code milter-reject}, {@code discard}, {@code hold}, {@code warning}, …
 * @param trigger what matched: {@code END-OF-MESSAGE}, {@code header Subject: …}, {@code body …}
 */
public record CleanupReject(LogHeader header, String queueId, String action, String trigger,
                            String clientHost, String clientIp, String text, String from, String to)
        implements MailEvent {
}

package org.quench.mail.log;

/**
 * One typed fact read from a mail log line. Every string in an event comes from the log and is
 * attacker-influenced (HELO names, SASL usernames, envelope addresses): keep it data, never
 * splice it into a command or an expression.
 */
public sealed interface MailEvent
        permits SmtpdClient, SaslFailure, SmtpdReject, SmtpdSessionEnd, SmtpdProtocolViolation,
        QmgrFrom, QmgrExpired, Delivery, CleanupMessageId, CleanupReject, BounceNotification,
        Removed, PostscreenEvent, AmavisResult, AmavisFwd, DovecotAuthFailure, DovecotLogin {

    LogHeader header();
}

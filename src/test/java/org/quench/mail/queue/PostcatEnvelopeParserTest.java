package org.quench.mail.queue;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code postcat -e -q}: reference/mail-platforms.md §1.5 and output captured from this project's lab. */
class PostcatEnvelopeParserTest {
    private final PostcatEnvelopeParser parser = new PostcatEnvelopeParser();

    static final String REFERENCE_SAMPLE = """
            *** ENVELOPE RECORDS deferred/9/9525120C24D ***
            message_arrival_time: Mon Nov 23 06:10:51 2026
            named_attribute: log_ident=9525120C24D
            named_attribute: rewrite_context=local
            named_attribute: sasl_method=PLAIN
            named_attribute: sasl_username=alice@example.test
            sender: spoofed@other.test
            named_attribute: log_client_name=localhost
            named_attribute: log_client_address=127.0.0.1
            named_attribute: log_client_port=49616
            named_attribute: log_message_origin=localhost[127.0.0.1]
            named_attribute: log_helo_name=client.test
            named_attribute: log_protocol_name=ESMTP
            named_attribute: client_name=localhost
            named_attribute: reverse_client_name=localhost
            named_attribute: client_address=127.0.0.1
            named_attribute: client_port=49616
            named_attribute: server_address=127.0.0.1
            named_attribute: server_port=12525
            named_attribute: helo_name=client.test
            named_attribute: protocol_name=ESMTP
            named_attribute: client_address_type=2
            original_recipient: victim3@example.net
            recipient: victim3@example.net
            """;

    /** Two messages in one postcat run, the second partly delivered, then the content markers -e prints. */
    static final String LAB_SAMPLE = """
            *** ENVELOPE RECORDS deferred/4/4AF7D166132 ***
            message_size:             428             789               2               0             428               0
            message_arrival_time: Mon Nov 23 08:17:45 2026
            create_time: Mon Nov 23 08:17:45 2026
            named_attribute: log_ident=4AF7D166132
            named_attribute: rewrite_context=remote
            named_attribute: sasl_method=LOGIN
            named_attribute: sasl_username=mallory@example.test
            sender: forged@other.test
            named_attribute: log_client_name=unknown
            named_attribute: log_client_address=127.0.1.7
            named_attribute: log_client_port=41765
            named_attribute: log_message_origin=unknown[127.0.1.7]
            named_attribute: log_helo_name=evil.test
            named_attribute: log_protocol_name=ESMTP
            named_attribute: client_name=unknown
            named_attribute: reverse_client_name=unknown
            named_attribute: client_address=127.0.1.7
            named_attribute: client_port=41765
            named_attribute: server_address=127.0.0.1
            named_attribute: server_port=587
            named_attribute: helo_name=evil.test
            named_attribute: protocol_name=ESMTP
            named_attribute: client_address_type=2
            named_attribute: dsn_orig_rcpt=rfc822;victim@example.net
            original_recipient: victim@example.net
            recipient: victim@example.net
            named_attribute: dsn_orig_rcpt=rfc822;bob@example.test
            original_recipient: bob@example.test
            done_recipient: bob@example.test
            *** MESSAGE CONTENTS deferred/4/4AF7D166132 ***
            *** HEADER EXTRACTED deferred/4/4AF7D166132 ***
            *** MESSAGE FILE END deferred/4/4AF7D166132 ***
            *** ENVELOPE RECORDS hold/C/CD29516612B ***
            message_arrival_time: Mon Nov 23 08:17:07 2026
            named_attribute: log_ident=CD29516612B
            sender:\s
            recipient: forged@other.test
            *** MESSAGE CONTENTS hold/C/CD29516612B ***
            *** HEADER EXTRACTED hold/C/CD29516612B ***
            *** MESSAGE FILE END hold/C/CD29516612B ***
            """;

    @Test
    void referenceSample() {
        Envelope e = parser.parse(REFERENCE_SAMPLE).get(0);
        assertThat(e.queueId()).isEqualTo("9525120C24D");
        assertThat(e.queueName()).isEqualTo("deferred");
        assertThat(e.saslUsername()).isEqualTo("alice@example.test");
        assertThat(e.saslMethod()).isEqualTo("PLAIN");
        assertThat(e.sender()).isEqualTo("spoofed@other.test");
        assertThat(e.clientAddress()).isEqualTo("127.0.0.1");
        assertThat(e.heloName()).isEqualTo("client.test");
        assertThat(e.recipients()).containsExactly("victim3@example.net");
    }

    @Test
    void labSampleWithTwoMessagesDoneRecipientsAndNullSender() {
        List<Envelope> envelopes = parser.parse(LAB_SAMPLE);
        assertThat(envelopes).extracting(Envelope::queueId).containsExactly("4AF7D166132", "CD29516612B");
        Envelope forged = envelopes.get(0);
        assertThat(forged.saslUsername()).isEqualTo("mallory@example.test");
        assertThat(forged.clientAddress()).isEqualTo("127.0.1.7");
        assertThat(forged.recipients()).containsExactly("victim@example.net");
        assertThat(forged.attributes()).containsEntry("dsn_orig_rcpt", "rfc822;victim@example.net");
        Envelope bounce = envelopes.get(1);
        assertThat(bounce.queueName()).isEqualTo("hold");
        assertThat(bounce.sender()).isEmpty();
        assertThat(bounce.saslUsername()).isNull();
        assertThat(bounce.clientAddress()).isNull();
    }

    @Test
    void ipv6LogAddressIsBare() {
        Envelope e = parser.parse("""
                *** ENVELOPE RECORDS active/A/ABCDEF1234 ***
                named_attribute: log_client_address=IPv6:2001:db8::1
                sender: a@b.test
                """).get(0);
        assertThat(e.clientAddress()).isEqualTo("2001:db8::1");
    }

    @Test
    void hostileValuesAreKeptAsData() {
        Envelope e = parser.parse("""
                *** ENVELOPE RECORDS deferred/A/ABCDEF1234 ***
                named_attribute: sasl_username=$(touch /tmp/x)@evil.test
                named_attribute: log_helo_name=a=b: c; `id`
                sender: "$(reboot)"@evil.test
                """).get(0);
        assertThat(e.saslUsername()).isEqualTo("$(touch /tmp/x)@evil.test");
        assertThat(e.heloName()).isEqualTo("a=b: c; `id`");
        assertThat(e.sender()).isEqualTo("\"$(reboot)\"@evil.test");
    }
}

package org.quench.report;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit's JUnit file as Jenkins/GitLab parse it: well-formed, counts right, findings in the failures. */
class JUnitAuditCasesTest {
    @Test
    void oneCasePerHostAndCheckWithTheFindingInTheFailure() throws Exception {
        String xml = JUnitReportWriter.toXml("quench.audit-trusted-relays", Instant.EPOCH, List.of(
                JUnitReportWriter.TestCase.passed("audit-trusted-relays.mx1", "open-relay"),
                new JUnitReportWriter.TestCase("audit-trusted-relays.mx1", "trusted-networks-approved", 0,
                        "127.0.0.10/32: trusted but not in approved_relays", "127.0.0.10/32 <from main.cf> & more", null, false),
                new JUnitReportWriter.TestCase("audit-trusted-relays.mx2", "queue-size", 0, null, null, "mx2: connect: refused", false)));
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element suite = d.getDocumentElement();
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(((Element) cases.item(0)).getChildNodes().getLength()).isZero();
        Element failure = (Element) ((Element) cases.item(1)).getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("127.0.0.10/32: trusted but not in approved_relays");
        assertThat(failure.getTextContent()).isEqualTo("127.0.0.10/32 <from main.cf> & more");
        Element error = (Element) ((Element) cases.item(2)).getElementsByTagName("error").item(0);
        assertThat(error.getAttribute("message")).isEqualTo("mx2: connect: refused");
    }
}

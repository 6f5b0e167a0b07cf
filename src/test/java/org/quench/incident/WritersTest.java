package org.quench.incident;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Hostile values (they come from logs a spammer writes) stay inert text in both formats. */
class WritersTest {
    static final String HOSTILE = "<script>alert(\"x\")</script> O'Brien & <img src=x onerror=alert(1)>";

    private static List<Doc> doc() {
        return List.of(new Doc.Heading(1, "Report " + HOSTILE), new Doc.Para(HOSTILE),
                new Doc.Table("findings", List.of("user", "command"), List.of(List.of(HOSTILE, "rm -- 'a|b' `x` " + HOSTILE)), List.of(1)),
                new Doc.Bullets(List.of("*bold* [link](http://x) # heading\nsecond line")));
    }

    @Test
    void htmlEscapesEveryValueAndHasNoScriptOrExternalResource() {
        String html = HtmlWriter.write("t " + HOSTILE, doc());
        assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("onerror=alert(1)>");
        assertThat(html).contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#39;Brien &amp; &lt;img src=x onerror=alert(1)&gt;");
        assertThat(html).contains("<table class=\"findings\">").contains("<td class=\"code\">rm -- &#39;a|b&#39;");
        assertThat(html).contains("default-src 'none'").doesNotContain("href=").doesNotContain("<link").doesNotContain("src=\"");
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>");
    }

    @Test
    void markdownNeutralisesHtmlAndMarkup() {
        String md = MarkdownWriter.write(doc());
        // Outside code spans (whose content CommonMark never interprets) no '<' is left at all.
        assertThat(md.replaceAll("(`+) .*? \\1", "")).doesNotContain("<");
        assertThat(md).contains("&lt;script&gt;alert(\"x\")&lt;/script&gt; O'Brien &amp; &lt;img");
        assertThat(md).contains("- \\*bold\\* \\[link\\](http://x) \\# heading second line");
        // Commands in code spans: longer fence than the backticks inside, pipes escaped for the table.
        assertThat(md).contains("`` rm -- 'a\\|b' `x` <script>");
        assertThat(md).contains("| user | command |\n| --- | --- |\n");
        assertThat(md.lines().filter(l -> l.startsWith("| &lt;script")).findFirst().orElseThrow().split("(?<!\\\\)\\|")).hasSize(3);
    }
}

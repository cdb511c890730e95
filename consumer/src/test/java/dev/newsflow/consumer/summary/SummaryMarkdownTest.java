package dev.newsflow.consumer.summary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.schema.CompanySummary;
import dev.newsflow.schema.Headline;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryMarkdownTest {
  @Test
  void articleTextCannotInjectMarkdownOrHtml() {
    CompanySummary summary = CompanySummary.newBuilder().setCompanyId("acme").setName("Acme *Corp*")
        .setArticleCount(1).setMentionCount(1).setUpdatedAt(Instant.parse("2026-02-10T08:00:00Z"))
        .setLatestHeadlines(List.of(Headline.newBuilder().setArticleId("a1")
            .setTitle("<script>alert(1)</script> [click](javascript:alert(1))")
            .setUrl("javascript:alert(1)").build()))
        .build();
    String md = SummaryMarkdown.render(summary);
    assertTrue(md.startsWith("# Acme \\*Corp\\*\n"), md);
    assertTrue(md.contains("- \\<script\\>alert\\(1\\)\\</script\\> \\[click\\]\\(javascript:alert\\(1\\)\\)\n"), md);
    assertFalse(md.contains("](javascript:"), "a javascript: URL is never made a link");
  }
}

package dev.newsflow.app;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.contract.CompanyIds;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.topic.TopicSnapshot;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code newsflow digest COMPANY}: the company's digest of the last 24 hours and 7 days, from its latest
 * summary on the compacted {@code company.summary} topic (what the streams application last published).
 */
@Command(name = "digest", mixinStandardHelpOptions = true,
    description = {"Print a company's digest: its main stories of the last 24 hours and 7 days.",
        "Each story comes with a key sentence from its reports, from the company's latest summary.",
        "For example: newsflow digest bytedance --bootstrap-servers HOST:PORT"})
final class DigestCommand extends ConfiguredCommand {
  @Parameters(paramLabel = "COMPANY", description = "The company id (a lowercase slug), e.g. bytedance.")
  String company;

  @Spec CommandSpec spec;

  @Override
  int run(NewsflowConfig config) {
    // Told at once, not after a wait for the cluster, with the lowercase form when that one would do.
    CompanyIds.refusal(company).ifPresent(problem -> {
      throw new ParameterException(spec.commandLine(), problem);
    });
    try (KafkaCluster cluster = KafkaCluster.open(config)) {
      Map<String, CompanySummary> summaries = TopicSnapshot.read(config, config.topics().companySummary(),
          cluster.timeout());
      CompanySummary summary = summaries.get(company);
      if (summary == null) {
        Map<String, Company> companies = TopicSnapshot.read(config, config.topics().companies(), cluster.timeout());
        throw new IllegalArgumentException(companies.containsKey(company)
            ? "no summary for company " + company + " yet: no article has mentioned it"
            : "unknown company " + company + " (not in the companies topic; 'newsflow companies load' adds companies)");
      }
      PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
      out.println(text(summary));
      return 0;
    }
  }

  /** The digest as printed: the company's name, then the digest's own sentences. */
  static String text(CompanySummary summary) {
    String title = summary.getName() + " (" + summary.getCompanyId() + ")";
    if (summary.getDigest() == null) {
      return title + "\nNo articles in the last 7 days.";
    }
    return title + "\n" + summary.getDigest().getText();
  }
}

package dev.newsflow.streams.aggregate.digest;

import dev.newsflow.schema.CompanyDigest;
import dev.newsflow.schema.DigestPeriod;
import dev.newsflow.schema.DigestStory;
import java.time.Instant;
import java.util.List;

/**
 * A company's digest as of an hour: its last 24 h and last 7 days, how its coverage compares with its usual,
 * and the whole as a few plain sentences ({@link DigestText}).
 *
 * @param asOfHour the current hour the periods end with (epoch millis)
 * @param coverage null while the company's history is too short to say what is usual
 */
public record Digest(long asOfHour, Period day, Period week, Coverage coverage, String text) {

  /** The digest as the summary carries it ({@code CompanySummary.digest}, v3). */
  public CompanyDigest toRecord() {
    return CompanyDigest.newBuilder()
        .setAsOf(Instant.ofEpochMilli(asOfHour))
        .setDay(day.toRecord())
        .setWeek(week.toRecord())
        .setCoverageRatio(coverage == null ? null : coverage.ratio())
        .setCoverage(coverage == null ? null : coverage.phrase())
        .setText(text)
        .build();
  }

  /**
   * One period of the digest.
   *
   * @param articles the company's articles in the period
   * @param outlets distinct outlets of those articles
   * @param tone their mean sentiment as a word, null when none has a sentiment
   * @param stories the main stories, heaviest first ({@link StoryWeight}), at most {@link DigestComposer#STORIES}
   */
  public record Period(long articles, int outlets, Tone tone, List<Story> stories) {
    public Period {
      stories = List.copyOf(stories);
    }

    DigestPeriod toRecord() {
      return DigestPeriod.newBuilder()
          .setArticles(articles)
          .setOutlets(outlets)
          .setTone(tone == null ? null : tone.word())
          .setStories(stories.stream().map(Story::toRecord).toList())
          .build();
    }
  }

  /**
   * One main story of a period, counted over its reports in the period.
   *
   * @param keySentence a sentence of its most central report, word for word in that report's language
   * @param languages the languages of its reports (BCP 47 tags, sorted)
   */
  public record Story(String storyId, String keySentence, String keySentenceArticleId, String keySentenceLanguage,
      int outlets, List<String> languages, int reports, Tone tone) {
    public Story {
      languages = List.copyOf(languages);
    }

    DigestStory toRecord() {
      return DigestStory.newBuilder()
          .setStoryId(storyId)
          .setKeySentence(keySentence)
          .setKeySentenceArticleId(keySentenceArticleId)
          .setKeySentenceLanguage(keySentenceLanguage)
          .setOutlets(outlets)
          .setLanguages(languages)
          .setReports(reports)
          .setTone(tone == null ? null : tone.word())
          .build();
    }
  }

  /** What a period counts of the company's articles, whichever stories they tell. */
  public record Activity(long articles, int outlets, Double sentiment) {
    public static final Activity NONE = new Activity(0, 0, null);
  }
}

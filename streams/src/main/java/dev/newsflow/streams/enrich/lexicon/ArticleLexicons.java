package dev.newsflow.streams.enrich.lexicon;

import dev.newsflow.streams.enrich.text.ArticleText;
import dev.newsflow.streams.enrich.text.TokenAutomaton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The three lexicons enrichment reads from every article (the subject taxonomy, the sections and the
 * tone lexicon), scanned in one automaton pass over the folded text; each still resolves its own
 * overlaps. Immutable; safe to share between stream threads.
 */
public final class ArticleLexicons {
  private final Lexicon[] parts;
  private final TokenAutomaton automaton;
  /** For each phrase of the shared automaton, the (lexicon, term) pairs it stands for, flattened. */
  private final int[][] phraseTerms;

  public ArticleLexicons(Lexicon taxonomy, Lexicon sections, Lexicon tone) {
    this.parts = new Lexicon[] {taxonomy, sections, tone};
    TokenAutomaton.Builder b = TokenAutomaton.builder(8192);
    List<int[]> owners = new ArrayList<>();
    for (int p = 0; p < parts.length; p++) {
      for (int t = 0; t < parts[p].terms(); t++) {
        int id = b.add(parts[p].phrase(t));
        if (id < 0) {
          continue;
        }
        if (id == owners.size()) {
          owners.add(new int[0]);
        }
        int[] o = owners.get(id);
        int[] grown = Arrays.copyOf(o, o.length + 2);
        grown[o.length] = p;
        grown[o.length + 1] = t;
        owners.set(id, grown);
      }
    }
    this.automaton = b.build();
    this.phraseTerms = owners.toArray(int[][]::new);
  }

  /** The terms of each lexicon found in an article. */
  public LexiconHits scan(ArticleText text) {
    TokenAutomaton.Matches m = new TokenAutomaton.Matches();
    automaton.match(text.tokens(), m);
    int n = m.size();
    int[][] terms = new int[parts.length][n];
    int[][] starts = new int[parts.length][n];
    int[][] ends = new int[parts.length][n];
    int[] counts = new int[parts.length];
    for (int i = 0; i < n; i++) {
      int[] owners = phraseTerms[m.phrase(i)];
      for (int k = 0; k < owners.length; k += 2) {
        int p = owners[k];
        terms[p][counts[p]] = owners[k + 1];
        starts[p][counts[p]] = m.start(i);
        ends[p][counts[p]++] = m.end(i);
      }
    }
    Lexicon.Hits[] hits = new Lexicon.Hits[parts.length];
    for (int p = 0; p < parts.length; p++) {
      hits[p] = parts[p].resolve(text, terms[p], starts[p], ends[p], counts[p]);
    }
    return new LexiconHits(hits[0], hits[1], hits[2]);
  }
}

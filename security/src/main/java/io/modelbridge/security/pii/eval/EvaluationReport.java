package io.modelbridge.security.pii.eval;

import io.modelbridge.security.pii.PiiType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The result of a {@link PiiEvaluation}: counts per language and type, for each {@link SpanMatch}, and every
 * mismatch. Immutable.
 */
public final class EvaluationReport {

  private final int texts;
  private final Map<SpanMatch, SortedMap<String, SortedMap<String, Score>>> scores;
  private final Map<SpanMatch, List<Mismatch>> mismatches;

  EvaluationReport(int texts, Map<SpanMatch, SortedMap<String, SortedMap<String, Score>>> scores,
      Map<SpanMatch, List<Mismatch>> mismatches) {
    this.texts = texts;
    Map<SpanMatch, SortedMap<String, SortedMap<String, Score>>> s = new EnumMap<>(SpanMatch.class);
    Map<SpanMatch, List<Mismatch>> m = new EnumMap<>(SpanMatch.class);
    for (SpanMatch match : SpanMatch.values()) {
      SortedMap<String, SortedMap<String, Score>> byLang = new TreeMap<>();
      scores.getOrDefault(match, new TreeMap<>()).forEach((lang, byType) -> byLang.put(lang,
          Collections.unmodifiableSortedMap(new TreeMap<>(byType))));
      s.put(match, Collections.unmodifiableSortedMap(byLang));
      m.put(match, List.copyOf(mismatches.getOrDefault(match, List.of())));
    }
    this.scores = s;
    this.mismatches = m;
  }

  /** The number of texts scored. */
  public int texts() {
    return texts;
  }

  /** The number of labelled spans (the same for both matchings). */
  public int labels() {
    return overall(SpanMatch.EXACT).labelled();
  }

  /** Counts over every text and type. */
  public Score overall(SpanMatch match) {
    Objects.requireNonNull(match, "match cannot be null");
    Score total = Score.EMPTY;
    for (var byType : scores.get(match).values()) {
      for (Score s : byType.values()) {
        total = total.plus(s);
      }
    }
    return total;
  }

  /** Counts per type over every language, ordered by type name; a finding counts under its own type. */
  public SortedMap<PiiType, Score> byType(SpanMatch match) {
    Objects.requireNonNull(match, "match cannot be null");
    SortedMap<PiiType, Score> out = new TreeMap<>(Comparator.comparing(PiiType::name));
    for (var byType : scores.get(match).values()) {
      byType.forEach((type, s) -> out.merge(PiiType.of(type), s, Score::plus));
    }
    return Collections.unmodifiableSortedMap(out);
  }

  /** Counts per language over every type, ordered by language code. */
  public SortedMap<String, Score> byLanguage(SpanMatch match) {
    Objects.requireNonNull(match, "match cannot be null");
    SortedMap<String, Score> out = new TreeMap<>();
    scores.get(match).forEach((lang, byType) -> byType.values().forEach(s -> out.merge(lang, s, Score::plus)));
    return Collections.unmodifiableSortedMap(out);
  }

  /** Counts of one type in one language ({@link Score#EMPTY} when neither labelled nor found there). */
  public Score score(SpanMatch match, String language, PiiType type) {
    Objects.requireNonNull(match, "match cannot be null");
    return scores.get(match).getOrDefault(language, new TreeMap<>()).getOrDefault(type.name(), Score.EMPTY);
  }

  /** Every false positive and false negative under {@code match}, in the order of the texts and spans. */
  public List<Mismatch> mismatches(SpanMatch match) {
    Objects.requireNonNull(match, "match cannot be null");
    return mismatches.get(match);
  }

  /**
   * The scores as a Markdown table: one row per type, one per language, and the total, each with the
   * labelled and found counts and precision, recall and F1 for exact and overlapping spans.
   */
  public String table() {
    StringBuilder out = new StringBuilder();
    out.append("| slice | labelled | found (exact) | exact P | exact R | exact F1 | overlap P | overlap R "
        + "| overlap F1 |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    Map<PiiType, Score> exactTypes = byType(SpanMatch.EXACT);
    Map<PiiType, Score> overlapTypes = byType(SpanMatch.OVERLAP);
    for (PiiType type : exactTypes.keySet()) {
      row(out, type.name(), exactTypes.get(type), overlapTypes.getOrDefault(type, Score.EMPTY));
    }
    Map<String, Score> exactLangs = byLanguage(SpanMatch.EXACT);
    Map<String, Score> overlapLangs = byLanguage(SpanMatch.OVERLAP);
    for (String lang : exactLangs.keySet()) {
      row(out, "language " + lang, exactLangs.get(lang), overlapLangs.getOrDefault(lang, Score.EMPTY));
    }
    row(out, "**all**", overall(SpanMatch.EXACT), overall(SpanMatch.OVERLAP));
    return out.toString();
  }

  private static void row(StringBuilder out, String name, Score exact, Score overlap) {
    out.append(String.format(Locale.ROOT, "| %s | %d | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |\n", name,
        exact.labelled(), exact.found(), exact.precision(), exact.recall(), exact.f1(), overlap.precision(),
        overlap.recall(), overlap.f1()));
  }

  /** The counts, never a value. */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    for (SpanMatch m : SpanMatch.values()) {
      Score s = overall(m);
      parts.add(String.format(Locale.ROOT, "%s P=%.3f R=%.3f F1=%.3f", m, s.precision(), s.recall(), s.f1()));
    }
    return "EvaluationReport[" + texts + " texts, " + labels() + " labels, " + String.join(", ", parts) + "]";
  }
}

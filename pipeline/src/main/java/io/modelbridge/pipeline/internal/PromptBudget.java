package io.modelbridge.pipeline.internal;

import io.modelbridge.json.DataJson;
import io.modelbridge.mapping.CanonicalEntity;
import io.modelbridge.pipeline.pack.PackTask;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * Fits the fetched records into a prompt's token budget: orders each data set as the pack says, then takes
 * records in that order while the whole prompt stays within the budget. What is left out is always a tail of
 * a data set in the pack's order, never a record from its middle, and never part of a record.
 */
public final class PromptBudget {

  private PromptBudget() {}

  /** One data set of the prompt: its alias, its records as JSON text (in order) and their names. */
  public record DataSet(String alias, List<String> records, List<String> names) {}

  /**
   * The outcome of a selection.
   *
   * @param dataJson the {@code {alias: [records...]}} JSON of the included records
   * @param included per alias, how many records (a prefix of the data set) are in the prompt
   * @param leftOut per alias, the names of the records left out, in the pack's order
   * @param estimatedTokens the estimate of the whole prompt with these records
   */
  public record Selection(String dataJson, Map<String, Integer> included, Map<String, List<String>> leftOut,
      int estimatedTokens) {

    /** Records left out over all data sets. */
    public int leftOutCount() {
      return leftOut.values().stream().mapToInt(List::size).sum();
    }

    /** Records included over all data sets. */
    public int includedCount() {
      return included.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /** The entities ordered as the pack's selection says; records without the field come last, as fetched. */
  public static List<CanonicalEntity> order(List<CanonicalEntity> entities, PackTask.Context context) {
    if (context.selection() == PackTask.Selection.AS_FETCHED) {
      return entities;
    }
    String field = context.by().orElseThrow();
    Comparator<Object> values = PromptBudget::compareValues;
    Comparator<Object> direction = context.selection() == PackTask.Selection.NEWEST_FIRST ? values.reversed() : values;
    List<CanonicalEntity> sorted = new ArrayList<>(entities);
    // Stable: equal values keep the fetched order.
    sorted.sort(Comparator.comparing((CanonicalEntity e) -> e.fields().get(field),
        Comparator.nullsLast(direction)));
    return sorted;
  }

  /**
   * The data JSON of the first {@code counts.get(alias)} records of each data set.
   */
  public static String dataJson(List<DataSet> sets, Map<String, Integer> counts) {
    StringBuilder sb = new StringBuilder("{");
    boolean firstSet = true;
    for (DataSet s : sets) {
      if (!firstSet) {
        sb.append(',');
      }
      firstSet = false;
      sb.append(DataJson.write(s.alias())).append(":[");
      int n = counts.getOrDefault(s.alias(), 0);
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(s.records().get(i));
      }
      sb.append(']');
    }
    return sb.append('}').toString();
  }

  /**
   * Selects records in order while the prompt fits {@code budget}.
   *
   * @param sets the data sets, in the request's fetch order, records in the pack's order
   * @param promptTokens the estimate of the whole prompt (every message) for a given data JSON
   * @param textTokens the estimate of one piece of text
   * @param budget the most tokens the prompt may take
   * @return the selection, or empty when even the prompt without any record exceeds the budget
   */
  public static Optional<Selection> select(List<DataSet> sets, ToIntFunction<String> promptTokens,
      ToIntFunction<String> textTokens, int budget) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    sets.forEach(s -> counts.put(s.alias(), 0));
    int fixed = promptTokens.applyAsInt(dataJson(sets, counts));
    if (fixed > budget) {
      return Optional.empty();
    }
    long remaining = (long) budget - fixed;
    for (DataSet s : sets) {
      int n = 0;
      for (String record : s.records()) {
        // The record and the comma before it.
        long cost = (long) textTokens.applyAsInt(record) + 1;
        if (cost > remaining) {
          break;
        }
        remaining -= cost;
        n++;
      }
      counts.put(s.alias(), n);
    }
    // Token counts of pieces need not add up to the count of the whole (a tokenizer may merge across the
    // joins): check the whole prompt, and give back records from the end until it fits.
    String json = dataJson(sets, counts);
    int estimate = promptTokens.applyAsInt(json);
    while (estimate > budget) {
      String last = null;
      for (DataSet s : sets) {
        if (counts.get(s.alias()) > 0) {
          last = s.alias();
        }
      }
      if (last == null) {
        return Optional.empty();
      }
      counts.merge(last, -1, Integer::sum);
      json = dataJson(sets, counts);
      estimate = promptTokens.applyAsInt(json);
    }
    Map<String, List<String>> leftOut = new LinkedHashMap<>();
    for (DataSet s : sets) {
      int n = counts.get(s.alias());
      leftOut.put(s.alias(), List.copyOf(s.names().subList(n, s.names().size())));
    }
    return Optional.of(new Selection(json, Map.copyOf(counts), leftOut, estimate));
  }

  /** Numbers by value, ISO dates and times by instant, other text as text; mixed kinds by kind name. */
  static int compareValues(Object a, Object b) {
    if (a instanceof Number && b instanceof Number) {
      return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString()));
    }
    if (a instanceof String && b instanceof String) {
      Optional<Instant> ia = instant((String) a);
      Optional<Instant> ib = instant((String) b);
      if (ia.isPresent() && ib.isPresent()) {
        return ia.get().compareTo(ib.get());
      }
      return ((String) a).compareTo((String) b);
    }
    if (a instanceof Boolean && b instanceof Boolean) {
      return Boolean.compare((Boolean) a, (Boolean) b);
    }
    return a.getClass().getName().compareTo(b.getClass().getName());
  }

  /** An ISO date (as its start, UTC), local date-time (as UTC), offset date-time or instant. */
  private static Optional<Instant> instant(String s) {
    if (s.length() < 10 || !Character.isDigit(s.charAt(0))) {
      return Optional.empty();
    }
    try {
      if (s.length() == 10) {
        return Optional.of(LocalDate.parse(s).atStartOfDay().toInstant(java.time.ZoneOffset.UTC));
      }
      if (s.endsWith("Z") || s.matches(".*[+-]\\d\\d:\\d\\d$")) {
        return Optional.of(OffsetDateTime.parse(s).toInstant());
      }
      return Optional.of(LocalDateTime.parse(s).toInstant(java.time.ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}

package io.modelbridge.pipeline.pack;

import io.modelbridge.mapping.Validator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One task of a domain pack: the prompt template, the output schema and the rules the answer must satisfy,
 * and optionally the write the answer proposes.
 *
 * @param name the task name
 * @param template the prompt template
 * @param schemaJson the output JSON Schema, as text (also shown to the model)
 * @param answerCheck schema and rules on the document {@code {answer, params}}
 * @param each rules on each item of the answer joined with the fetched record it refers to, if any
 * @param action the write the answer proposes, if any
 * @param context how the fetched records are budgeted into the prompt (the task's {@code context} key)
 * @param allowDegradedWrites whether a degraded answer (every model provider failed and the gateway's
 *     degraded responder answered) may still drive the action; {@code false} unless the pack says
 *     {@code allowDegradedWrites: true}. Even then the write needs a person's approval.
 */
public record PackTask(String name, Template template, String schemaJson, Validator answerCheck,
    Optional<EachCheck> each, Optional<Action> action, Context context, boolean allowDegradedWrites) {

  /** Validates the components. */
  public PackTask {
    Objects.requireNonNull(name, "name cannot be null");
    Objects.requireNonNull(template, "template cannot be null");
    Objects.requireNonNull(schemaJson, "schemaJson cannot be null");
    Objects.requireNonNull(answerCheck, "answerCheck cannot be null");
    Objects.requireNonNull(each, "each cannot be null");
    Objects.requireNonNull(action, "action cannot be null");
    Objects.requireNonNull(context, "context cannot be null");
  }

  /** A task with the default {@link Context} and no degraded writes. */
  public PackTask(String name, Template template, String schemaJson, Validator answerCheck,
      Optional<EachCheck> each, Optional<Action> action) {
    this(name, template, schemaJson, answerCheck, each, action, Context.DEFAULT, false);
  }

  /** The order in which fetched records are offered to the prompt until its token budget is reached. */
  public enum Selection {
    /** In the order the adapter returned them ({@code as-fetched}, the default). */
    AS_FETCHED,
    /** Highest value of the {@code by} field first ({@code newest-first}: latest date, largest number). */
    NEWEST_FIRST,
    /** Lowest value of the {@code by} field first ({@code oldest-first}). */
    OLDEST_FIRST
  }

  /**
   * How a task's prompt is budgeted (the task's {@code context} key in {@code pack.yaml}).
   *
   * @param maxTokens the most tokens the prompt may take, if the pack limits it below the model's window
   * @param answerTokens tokens kept free in the model's context window for the answer, if the pack sets it
   *     (otherwise the pipeline's default)
   * @param selection the order in which records are offered to the prompt
   * @param by the canonical field {@link Selection#NEWEST_FIRST} and {@link Selection#OLDEST_FIRST} compare
   */
  public record Context(OptionalInt maxTokens, OptionalInt answerTokens, Selection selection, Optional<String> by) {

    /** No pack limit, the pipeline's answer reserve, records as fetched. */
    public static final Context DEFAULT = new Context(OptionalInt.empty(), OptionalInt.empty(),
        Selection.AS_FETCHED, Optional.empty());

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if a token count is not positive, or {@code by} is missing for an
     *     ordered selection (or given for {@code as-fetched})
     */
    public Context {
      Objects.requireNonNull(maxTokens, "maxTokens cannot be null");
      Objects.requireNonNull(answerTokens, "answerTokens cannot be null");
      Objects.requireNonNull(selection, "selection cannot be null");
      Objects.requireNonNull(by, "by cannot be null");
      if (maxTokens.isPresent() && maxTokens.getAsInt() < 1) {
        throw new IllegalArgumentException("maxTokens must be positive, was " + maxTokens.getAsInt());
      }
      if (answerTokens.isPresent() && answerTokens.getAsInt() < 0) {
        throw new IllegalArgumentException("answerTokens must not be negative, was " + answerTokens.getAsInt());
      }
      if (selection != Selection.AS_FETCHED && by.isEmpty()) {
        throw new IllegalArgumentException("selection " + selection + " needs 'by': the field to order by");
      }
      if (selection == Selection.AS_FETCHED && by.isPresent()) {
        throw new IllegalArgumentException("'by: " + by.get() + "' needs selection newest-first or oldest-first");
      }
    }
  }

  /**
   * Rules checked on each item of the answer, on the document {@code {item, record, params}} where
   * {@code record} is the fetched entity of data set {@code source} whose key equals the item's {@code key}
   * field (absent if there is none).
   *
   * @param path the answer's array field holding the items, or {@code $} for the answer itself
   * @param key the item field naming the record's key
   * @param source the fetch alias whose entities are looked up
   * @param rules the rules
   */
  public record EachCheck(String path, String key, String source, Validator rules) {}

  /**
   * A write the answer proposes, run through governed tools.
   *
   * @param system the system id of the governed tools to use
   * @param operation the adapter operation (for example {@code orders.update})
   * @param source the fetch alias holding the record the write is based on
   * @param key the answer field naming that record's key
   * @param getOperation the adapter's GET operation, used to check the record's current version
   * @param arguments argument templates; {@code {{answer.x}}} and {@code {{record.x}}} are replaced by values
   */
  public record Action(String system, String operation, String source, String key, String getOperation,
      Map<String, String> arguments) {}
}

package io.modelbridge.pipeline.pack;

import io.modelbridge.mapping.Validator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
 */
public record PackTask(String name, Template template, String schemaJson, Validator answerCheck,
    Optional<EachCheck> each, Optional<Action> action) {

  /** Validates the components. */
  public PackTask {
    Objects.requireNonNull(name, "name cannot be null");
    Objects.requireNonNull(template, "template cannot be null");
    Objects.requireNonNull(schemaJson, "schemaJson cannot be null");
    Objects.requireNonNull(answerCheck, "answerCheck cannot be null");
    Objects.requireNonNull(each, "each cannot be null");
    Objects.requireNonNull(action, "action cannot be null");
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

package io.modelbridge.core.tools.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelbridge.adapters.spi.AdapterRecord;
import io.modelbridge.adapters.spi.FieldPath;
import io.modelbridge.adapters.spi.RecordStream;
import io.modelbridge.json.DataJson;
import java.util.List;
import java.util.Map;

/** Renders an operation's records as the JSON text the model reads. */
final class ResultRenderer {

  private ResultRenderer() {}

  /**
   * Reads at most {@code limit} records, closes the stream, and renders
   * {@code {"records":[{"key":{..},"version":"..","fields":{..}}],"returned":n,"truncated":b,
   * "personal":[..]}}; {@code personal} (left out when empty) lists the paths of the values the adapter
   * declares personal, as {@link FieldPath}s of this document ({@code records[*].fields.CUSTOMER_NAME}).
   */
  static String render(RecordStream stream, int limit, List<FieldPath> personalFields) {
    ObjectNode root = DataJson.nodes().objectNode();
    ArrayNode records = root.putArray("records");
    int n = 0;
    boolean truncated = false;
    try (stream) {
      while (stream.hasNext()) {
        if (n == limit) {
          truncated = true;
          break;
        }
        records.add(record(stream.next()));
        n++;
      }
    }
    root.put("returned", n);
    root.put("truncated", truncated);
    declarePersonal(root, FieldPath.root(), personalFields);
    try {
      return DataJson.mapper().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      // Only plain scalars are put in the tree, so writing it cannot fail.
      throw new IllegalStateException("could not render tool result", e);
    }
  }

  /**
   * The result of a previewed write, one JSON object so that hooks can protect it like any result:
   * {@code {"status":"NOT_EXECUTED","message":"..","preview":{..},"personal":["preview.records[*]..."]}}.
   */
  static String previewed(String message, String previewJson, List<FieldPath> personalFields) {
    ObjectNode root = DataJson.nodes().objectNode();
    root.put("status", "NOT_EXECUTED");
    root.put("message", message);
    try {
      root.set("preview", DataJson.mapper().readTree(previewJson));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not re-read the rendered preview", e);
    }
    declarePersonal(root, FieldPath.of("preview"), personalFields);
    try {
      return DataJson.mapper().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not render tool result", e);
    }
  }

  /** The record paths below which a record's fields and key values sit in a rendered result. */
  private static final List<FieldPath> RECORD_PARTS = List.of(
      FieldPath.parse("records[*].fields"), FieldPath.parse("records[*].key"));

  /**
   * Adds member {@code personal} to {@code root}: each personal record field under {@code prefix}'s
   * records, as a path of {@code root}'s document.
   */
  static void declarePersonal(ObjectNode root, FieldPath prefix, List<FieldPath> personalFields) {
    if (personalFields.isEmpty()) {
      return;
    }
    ArrayNode personal = root.putArray(io.modelbridge.core.tools.GovernedTools.PERSONAL_PATHS);
    for (FieldPath part : RECORD_PARTS) {
      for (FieldPath f : personalFields) {
        personal.add(f.under(part.under(prefix)).toString());
      }
    }
  }

  private static ObjectNode record(AdapterRecord r) {
    ObjectNode node = DataJson.nodes().objectNode();
    ObjectNode key = node.putObject("key");
    r.source().key().forEach((k, v) -> put(key, k, v));
    r.source().version().ifPresent(v -> node.put("version", v));
    ObjectNode fields = node.putObject("fields");
    for (Map.Entry<String, Object> e : r.fields().entrySet()) {
      put(fields, e.getKey(), e.getValue());
    }
    return node;
  }

  private static void put(ObjectNode node, String name, Object v) {
    // Numbers exact, dates and instants as their ISO text, nulls as JSON null.
    node.set(name, DataJson.toNode(v));
  }

}

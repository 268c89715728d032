package io.modelbridge.core.tools.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelbridge.adapters.spi.AdapterRecord;
import io.modelbridge.adapters.spi.RecordStream;
import io.modelbridge.json.DataJson;
import java.util.Map;

/** Renders an operation's records as the JSON text the model reads. */
final class ResultRenderer {

  private ResultRenderer() {}

  /**
   * Reads at most {@code limit} records, closes the stream, and renders
   * {@code {"records":[{"key":{..},"version":"..","fields":{..}}],"returned":n,"truncated":b}}.
   */
  static String render(RecordStream stream, int limit) {
    ObjectNode root = ArgumentBinder.MAPPER.createObjectNode();
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
    try {
      return ArgumentBinder.MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      // Only plain scalars are put in the tree, so writing it cannot fail.
      throw new IllegalStateException("could not render tool result", e);
    }
  }

  private static ObjectNode record(AdapterRecord r) {
    ObjectNode node = ArgumentBinder.MAPPER.createObjectNode();
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

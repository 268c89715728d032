package io.modelbridge.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelbridge.adapters.spi.AdapterRecord;
import io.modelbridge.adapters.spi.SourceRef;
import io.modelbridge.json.DataJson;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One input of a mapping: the record's data (a {@link Map}/{@link java.util.List} tree or a Jackson
 * {@link JsonNode}) and, when known, its provenance.
 *
 * @param data the record's fields
 * @param source where it came from, if known
 * @param origin where the record sits in its input (for example {@code customers.csv:17}), used as the
 *     record's name in rejections when it has neither a source reference nor key values
 */
public record SourceRecord(Object data, Optional<SourceRef> source, Optional<String> origin) {

  /** Validates the components: data must be a Map or a JsonNode. */
  public SourceRecord {
    Objects.requireNonNull(data, "data cannot be null");
    Objects.requireNonNull(source, "source cannot be null (use Optional.empty())");
    Objects.requireNonNull(origin, "origin cannot be null (use Optional.empty())");
    if (!(data instanceof Map) && !(data instanceof JsonNode)) {
      throw new IllegalArgumentException("source data must be a Map or a JsonNode, was "
          + data.getClass().getName() + "; use SourceRecord.ofPojo for other objects");
    }
  }

  /** A record without origin. */
  public SourceRecord(Object data, Optional<SourceRef> source) {
    this(data, source, Optional.empty());
  }

  /** A record read through an adapter, keeping its {@link SourceRef}. */
  public static SourceRecord of(AdapterRecord record) {
    return new SourceRecord(record.fields(), Optional.of(record.source()));
  }

  /** A map without provenance (the key comes from the mapping's key fields). */
  public static SourceRecord of(Map<String, ?> data) {
    return new SourceRecord(data, Optional.empty());
  }

  /** A JSON tree without provenance. */
  public static SourceRecord of(JsonNode data) {
    return new SourceRecord(data, Optional.empty());
  }

  /** Data with known provenance. */
  public static SourceRecord of(Object data, SourceRef source) {
    return new SourceRecord(data, Optional.of(source));
  }

  /**
   * A plain Java object (a bean or a record), converted once with the data path's Jackson configuration
   * ({@link DataJson}: public getters and fields, as Jackson sees them). Decimals keep their digits and
   * scale; {@code java.time} values become their ISO-8601 text ({@code 2024-02-29}, {@code 2024-02-29T10:15:30Z}),
   * which the mapping's DATE and TIMESTAMP types read back strictly. Slower than passing a Map: use for
   * occasional objects only.
   *
   * @throws IllegalArgumentException if Jackson cannot serialize the object
   */
  public static SourceRecord ofPojo(Object pojo) {
    Objects.requireNonNull(pojo, "pojo cannot be null");
    return new SourceRecord(DataJson.mapper().valueToTree(pojo), Optional.empty());
  }

  /** Provenance only, never the data, which may hold personal data. */
  @Override
  public String toString() {
    return "SourceRecord[" + source.map(s -> "source=" + s.systemId() + "/" + s.entity()).orElse("no source")
        + origin.map(o -> ", origin=" + o).orElse("") + "]";
  }
}

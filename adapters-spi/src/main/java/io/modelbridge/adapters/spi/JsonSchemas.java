package io.modelbridge.adapters.spi;

import java.util.List;

/**
 * Renders the SPI's schemas as JSON Schema (draft 2020-12) text, so that hosts and tools can consume them
 * without this module depending on a JSON library. Personal fields carry {@code "x-personal": true}.
 */
final class JsonSchemas {

  private JsonSchemas() {}

  static String object(String title, String description, List<FieldSchema> fields, boolean closed) {
    StringBuilder out = new StringBuilder(128 + fields.size() * 64);
    out.append("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"title\":");
    quote(out, title);
    if (!description.isEmpty()) {
      out.append(",\"description\":");
      quote(out, description);
    }
    out.append(",\"type\":\"object\",\"properties\":{");
    boolean first = true;
    for (FieldSchema f : fields) {
      if (!first) {
        out.append(',');
      }
      first = false;
      quote(out, f.name());
      out.append(":{\"type\":\"").append(f.type().jsonType()).append('"');
      f.jsonFormat().ifPresent(fmt -> {
        out.append(",\"format\":");
        quote(out, fmt);
      });
      if (!f.allowedValues().isEmpty()) {
        out.append(",\"enum\":[");
        for (int i = 0; i < f.allowedValues().size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          quote(out, f.allowedValues().get(i));
        }
        out.append(']');
      }
      if (!f.description().isEmpty()) {
        out.append(",\"description\":");
        quote(out, f.description());
      }
      if (f.personal()) {
        out.append(",\"x-personal\":true");
      }
      out.append('}');
    }
    out.append("},\"required\":[");
    first = true;
    for (FieldSchema f : fields) {
      if (f.required()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        quote(out, f.name());
      }
    }
    out.append("],\"additionalProperties\":").append(!closed).append('}');
    return out.toString();
  }

  static void quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}

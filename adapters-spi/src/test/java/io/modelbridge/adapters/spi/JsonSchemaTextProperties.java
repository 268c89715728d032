package io.modelbridge.adapters.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The SPI renders JSON Schema without a JSON library: whatever the names and descriptions, the text parses. */
class JsonSchemaTextProperties {

  @Property(tries = 300)
  void entitySchema_isWellFormedJson(@ForAll("names") String field, @ForAll("texts") String description) {
    EntitySchema e = new EntitySchema("e", List.of(FieldSchema.required("id", FieldType.INTEGER),
        new FieldSchema(field.equals("id") ? field + "2" : field, FieldType.DATE, false, true, description)),
        List.of("id"), Optional.empty(), description);
    String json = e.jsonSchema();
    assertThat(new TinyJson(json).wellFormed()).as(json).isTrue();
    assertThat(json).contains("\"additionalProperties\":false").contains("\"required\":[\"id\"]")
        .contains("\"format\":\"date\"").contains("\"x-personal\":true");
  }

  @Example
  void operationInputSchema_listsRequiredInputs() {
    OperationDescriptor op = new OperationDescriptor("o.q", "o", OperationKind.QUERY, Effect.READ, false,
        List.of(FieldSchema.required("a", FieldType.STRING), FieldSchema.optional("b", FieldType.DECIMAL)), "say \"hi\"");
    String json = op.inputJsonSchema();
    assertThat(new TinyJson(json).wellFormed()).isTrue();
    assertThat(json).contains("\"required\":[\"a\"]").contains("\"b\":{\"type\":\"number\"}")
        .contains("\"description\":\"say \\\"hi\\\"\"");
  }

  @Example
  void tinyJson_rejectsMalformedText() {
    for (String bad : List.of("{", "{\"a\":}", "{\"a\":1,}", "[1 2]", "\"\u0001\"", "{\"a\":\"\\x\"}", "{} x")) {
      assertThat(new TinyJson(bad).wellFormed()).as(bad).isFalse();
    }
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.strings().ofMinLength(1).ofMaxLength(12).filter(s -> !s.isBlank());
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(20),
        Arbitraries.strings().withChars("\"\\\n\r\t\u0000\u001f/é€").ofMaxLength(10));
  }

  /** A strict RFC 8259 recognizer, enough to tell well-formed JSON text from the rest. */
  static final class TinyJson {
    private final String s;
    private int i;

    TinyJson(String s) {
      this.s = s;
    }

    boolean wellFormed() {
      try {
        ws();
        value();
        ws();
        return i == s.length();
      } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
        return false;
      }
    }

    private void value() {
      char c = s.charAt(i);
      if (c == '{') {
        i++;
        ws();
        if (s.charAt(i) == '}') {
          i++;
          return;
        }
        List<String> keys = new ArrayList<>();
        do {
          ws();
          keys.add(string());
          ws();
          expect(':');
          ws();
          value();
          ws();
        } while (s.charAt(i) == ',' && ++i > 0);
        expect('}');
      } else if (c == '[') {
        i++;
        ws();
        if (s.charAt(i) == ']') {
          i++;
          return;
        }
        do {
          ws();
          value();
          ws();
        } while (s.charAt(i) == ',' && ++i > 0);
        expect(']');
      } else if (c == '"') {
        string();
      } else if (s.startsWith("true", i) || s.startsWith("null", i)) {
        i += 4;
      } else if (s.startsWith("false", i)) {
        i += 5;
      } else {
        int start = i;
        while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
          i++;
        }
        if (!s.substring(start, i).matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
          throw new IllegalArgumentException("number");
        }
      }
    }

    private String string() {
      expect('"');
      StringBuilder out = new StringBuilder();
      while (true) {
        char c = s.charAt(i++);
        if (c == '"') {
          return out.toString();
        }
        if (c < 0x20) {
          throw new IllegalArgumentException("control character");
        }
        if (c == '\\') {
          char e = s.charAt(i++);
          if (e == 'u') {
            if (!s.substring(i, i + 4).matches("[0-9a-fA-F]{4}")) {
              throw new IllegalArgumentException("escape");
            }
            i += 4;
          } else if ("\"\\/bfnrt".indexOf(e) < 0) {
            throw new IllegalArgumentException("escape");
          }
        }
        out.append(c);
      }
    }

    private void expect(char c) {
      if (s.charAt(i) != c) {
        throw new IllegalArgumentException("expected " + c);
      }
      i++;
    }

    private void ws() {
      while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
    }
  }
}

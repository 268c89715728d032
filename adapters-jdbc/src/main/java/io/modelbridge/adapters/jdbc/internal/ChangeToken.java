package io.modelbridge.adapters.jdbc.internal;

import io.modelbridge.adapters.spi.FieldType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The change feed's position: the cursor value and the key of the last record delivered, as one opaque
 * token. The key breaks ties between rows with equal cursor values (many rows share a {@code last_update}
 * timestamp), so paging by token delivers every row exactly once.
 *
 * <p>Text form: base64url (no padding) of {@code "c1"} followed by each value as {@code <length>:<text>}.
 */
final class ChangeToken {

  private static final String MAGIC = "c1";

  private ChangeToken() {}

  /** The token of a row with these cursor and key values (cursor first). */
  static String encode(List<Object> values) {
    StringBuilder s = new StringBuilder(MAGIC);
    for (Object v : values) {
      String t = text(v);
      s.append(t.length()).append(':').append(t);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The values of a token, typed as {@code types} (cursor first).
   *
   * @throws IllegalArgumentException if the token is malformed or holds values of other types
   */
  static List<Object> decode(String token, List<FieldType> types) {
    String s;
    try {
      s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("is not base64url text");
    }
    if (!s.startsWith(MAGIC)) {
      throw new IllegalArgumentException("is not a change token of this adapter");
    }
    List<Object> out = new ArrayList<>(types.size());
    int at = MAGIC.length();
    for (FieldType type : types) {
      int colon = s.indexOf(':', at);
      if (colon < 0) {
        throw new IllegalArgumentException("holds fewer values than the cursor and key have");
      }
      int len;
      try {
        len = Integer.parseInt(s.substring(at, colon));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("is malformed");
      }
      if (len < 0 || colon + 1 + len > s.length()) {
        throw new IllegalArgumentException("is truncated");
      }
      out.add(parse(s.substring(colon + 1, colon + 1 + len), type));
      at = colon + 1 + len;
    }
    if (at != s.length()) {
      throw new IllegalArgumentException("holds more values than the cursor and key have");
    }
    return out;
  }

  private static String text(Object v) {
    return v instanceof BigDecimal d ? d.toPlainString() : v.toString();
  }

  private static Object parse(String text, FieldType type) {
    try {
      return switch (type) {
        case STRING -> text;
        case INTEGER -> Long.parseLong(text);
        case DECIMAL -> new BigDecimal(text);
        case BOOLEAN -> Boolean.parseBoolean(text);
        case DATE -> LocalDate.parse(text);
        case TIMESTAMP -> Instant.parse(text);
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("holds a value that is not a " + type);
    }
  }
}

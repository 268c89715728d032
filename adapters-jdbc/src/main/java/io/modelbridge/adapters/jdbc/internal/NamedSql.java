package io.modelbridge.adapters.jdbc.internal;

import io.modelbridge.adapters.spi.FieldType;
import java.util.ArrayList;
import java.util.List;

/**
 * A configured SQL query with named parameters ({@code :customer}), rewritten to positional {@code ?}
 * placeholders. Parameters are bound, never spliced; text inside quotes and {@code ::} casts are left alone.
 *
 * @param sql the statement with {@code ?} placeholders
 * @param names the parameter name of each placeholder, in order (a name may repeat)
 */
record NamedSql(String sql, List<String> names) {

  /** A named parameter with the type it is exposed as. */
  record Parameter(String name, int sqlType, FieldType type) {}

  static NamedSql parse(String text) {
    StringBuilder out = new StringBuilder(text.length());
    List<String> names = new ArrayList<>();
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"') {
        int j = text.indexOf(c, i + 1);
        j = j < 0 ? n - 1 : j;
        out.append(text, i, j + 1);
        i = j;
      } else if (c == ':' && i + 1 < n && text.charAt(i + 1) == ':') {
        out.append("::");
        i++;
      } else if (c == ':' && i + 1 < n && Character.isJavaIdentifierStart(text.charAt(i + 1))) {
        int j = i + 1;
        while (j < n && Character.isJavaIdentifierPart(text.charAt(j))) {
          j++;
        }
        names.add(text.substring(i + 1, j));
        out.append('?');
        i = j - 1;
      } else {
        out.append(c);
      }
    }
    return new NamedSql(out.toString(), List.copyOf(names));
  }
}

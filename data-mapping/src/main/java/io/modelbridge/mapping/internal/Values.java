package io.modelbridge.mapping.internal;

import io.modelbridge.mapping.ExpressionException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Conversions and comparisons used by expression evaluation. */
public final class Values {

  private Values() {}

  /** Normalizes a record value for expressions: numbers to BigDecimal, lists element-wise. */
  public static Object normalize(Object v) {
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof BigDecimal) {
      return v;
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return BigDecimal.valueOf(((Number) v).longValue());
    }
    if (v instanceof BigInteger) {
      return new BigDecimal((BigInteger) v);
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
    }
    if (v instanceof List) {
      List<Object> out = new ArrayList<>();
      for (Object e : (List<?>) v) {
        out.add(normalize(e));
      }
      return out;
    }
    if (v instanceof com.fasterxml.jackson.databind.JsonNode) {
      Object p = FieldPath.plain(v);
      return p == v ? v.toString() : normalize(p);
    }
    return v.toString();
  }

  static BigDecimal number(Object v, String op) {
    if (v instanceof BigDecimal) {
      return (BigDecimal) v;
    }
    throw new ExpressionException("'" + op + "' needs a number but got " + kind(v));
  }

  static boolean bool(Object v, String op) {
    if (v instanceof Boolean) {
      return (Boolean) v;
    }
    throw new ExpressionException("'" + op + "' needs true or false but got " + kind(v));
  }

  static String text(Object v) {
    if (v instanceof BigDecimal) {
      return ((BigDecimal) v).toPlainString();
    }
    return String.valueOf(v);
  }

  static boolean equal(Object l, Object r) {
    if (l == null || r == null) {
      return l == r;
    }
    if (l instanceof BigDecimal && r instanceof BigDecimal) {
      return ((BigDecimal) l).compareTo((BigDecimal) r) == 0;
    }
    return l.equals(r);
  }

  static int compare(Object l, Object r, String op) {
    if (l instanceof BigDecimal && r instanceof BigDecimal) {
      return ((BigDecimal) l).compareTo((BigDecimal) r);
    }
    if (l instanceof String && r instanceof String) {
      return ((String) l).compareTo((String) r);
    }
    throw new ExpressionException("'" + op + "' cannot compare " + kind(l) + " with " + kind(r));
  }

  static String kind(Object v) {
    if (v == null) {
      return "nothing";
    }
    if (v instanceof BigDecimal) {
      return "a number";
    }
    if (v instanceof String) {
      return "a text";
    }
    if (v instanceof Boolean) {
      return "a boolean";
    }
    if (v instanceof List) {
      return "a list";
    }
    return "a " + v.getClass().getSimpleName();
  }
}

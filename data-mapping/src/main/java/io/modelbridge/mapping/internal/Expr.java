package io.modelbridge.mapping.internal;

import io.modelbridge.mapping.ExpressionException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A node of a parsed expression. Values during evaluation are {@link BigDecimal}, {@link String},
 * {@link Boolean}, {@link List} (from a {@code [*]} path) or null (absent). Null propagates through
 * arithmetic and comparisons; {@code and}/{@code or} use three-valued logic.
 */
public interface Expr {

  /** Evaluates against a record (a Map/List tree or a Jackson tree). */
  Object eval(Object root);

  /** Appends the canonical, fully parenthesized text of this node. */
  void print(StringBuilder out);

  /** The field paths this node reads. */
  default void collectRefs(List<String> out) {}

  /** A literal. */
  record Literal(Object value) implements Expr {
    @Override
    public Object eval(Object root) {
      return value;
    }

    @Override
    public void print(StringBuilder out) {
      if (value == null) {
        out.append("null");
      } else if (value instanceof String) {
        out.append('\'');
        String s = (String) value;
        for (int i = 0; i < s.length(); i++) {
          char c = s.charAt(i);
          if (c == '\'' || c == '\\') {
            out.append('\\');
          }
          out.append(c);
        }
        out.append('\'');
      } else if (value instanceof BigDecimal) {
        out.append(((BigDecimal) value).toPlainString());
      } else {
        out.append(value);
      }
    }
  }

  /** A field reference. */
  record Ref(FieldPath path) implements Expr {
    @Override
    public Object eval(Object root) {
      return Values.normalize(path.get(root));
    }

    @Override
    public void print(StringBuilder out) {
      out.append(path.text());
    }

    @Override
    public void collectRefs(List<String> out) {
      out.add(path.text());
    }
  }

  /** A unary operator: {@code -} or {@code not}. */
  record Unary(String op, Expr operand) implements Expr {
    @Override
    public Object eval(Object root) {
      Object v = operand.eval(root);
      if (v == null) {
        return null;
      }
      if (op.equals("-")) {
        return Values.number(v, "-").negate();
      }
      return !Values.bool(v, "not");
    }

    @Override
    public void print(StringBuilder out) {
      out.append('(').append(op.equals("-") ? "-" : "not ");
      operand.print(out);
      out.append(')');
    }

    @Override
    public void collectRefs(List<String> out) {
      operand.collectRefs(out);
    }
  }

  /** A binary operator. */
  record Binary(String op, Expr left, Expr right) implements Expr {
    @Override
    public Object eval(Object root) {
      if (op.equals("and")) {
        Object l = left.eval(root);
        if (l != null && !Values.bool(l, "and")) {
          return false;
        }
        Object r = right.eval(root);
        if (r != null && !Values.bool(r, "and")) {
          return false;
        }
        return l == null || r == null ? null : Boolean.TRUE;
      }
      if (op.equals("or")) {
        Object l = left.eval(root);
        if (l != null && Values.bool(l, "or")) {
          return true;
        }
        Object r = right.eval(root);
        if (r != null && Values.bool(r, "or")) {
          return true;
        }
        return l == null || r == null ? null : Boolean.FALSE;
      }
      Object l = left.eval(root);
      Object r = right.eval(root);
      switch (op) {
        case "==":
          return Values.equal(l, r);
        case "!=":
          return !Values.equal(l, r);
        default:
          break;
      }
      if (l == null || r == null) {
        return null;
      }
      switch (op) {
        case "<":
          return Values.compare(l, r, op) < 0;
        case "<=":
          return Values.compare(l, r, op) <= 0;
        case ">":
          return Values.compare(l, r, op) > 0;
        case ">=":
          return Values.compare(l, r, op) >= 0;
        case "+":
          if (l instanceof String || r instanceof String) {
            return Values.text(l) + Values.text(r);
          }
          return Values.number(l, op).add(Values.number(r, op), MathContext.DECIMAL64);
        case "-":
          return Values.number(l, op).subtract(Values.number(r, op), MathContext.DECIMAL64);
        case "*":
          return Values.number(l, op).multiply(Values.number(r, op), MathContext.DECIMAL64);
        case "/":
        case "%": {
          BigDecimal d = Values.number(r, op);
          if (d.signum() == 0) {
            throw new ExpressionException("division by zero in '" + Expr.text(this) + "'");
          }
          BigDecimal n = Values.number(l, op);
          return op.equals("/") ? n.divide(d, MathContext.DECIMAL64) : n.remainder(d, MathContext.DECIMAL64);
        }
        default:
          throw new ExpressionException("unknown operator '" + op + "'");
      }
    }

    @Override
    public void print(StringBuilder out) {
      out.append('(');
      left.print(out);
      out.append(' ').append(op).append(' ');
      right.print(out);
      out.append(')');
    }

    @Override
    public void collectRefs(List<String> out) {
      left.collectRefs(out);
      right.collectRefs(out);
    }
  }

  /** A call of a built-in function. */
  record Call(String name, List<Expr> args) implements Expr {

    /** The built-in functions with their minimum and maximum argument count. */
    static final java.util.Map<String, int[]> FUNCTIONS = java.util.Map.ofEntries(
        java.util.Map.entry("round", new int[] {1, 2}),
        java.util.Map.entry("abs", new int[] {1, 1}),
        java.util.Map.entry("min", new int[] {1, Integer.MAX_VALUE}),
        java.util.Map.entry("max", new int[] {1, Integer.MAX_VALUE}),
        java.util.Map.entry("sum", new int[] {1, Integer.MAX_VALUE}),
        java.util.Map.entry("count", new int[] {1, 1}),
        java.util.Map.entry("coalesce", new int[] {1, Integer.MAX_VALUE}),
        java.util.Map.entry("concat", new int[] {1, Integer.MAX_VALUE}),
        java.util.Map.entry("upper", new int[] {1, 1}),
        java.util.Map.entry("lower", new int[] {1, 1}),
        java.util.Map.entry("trim", new int[] {1, 1}),
        java.util.Map.entry("length", new int[] {1, 1}),
        java.util.Map.entry("present", new int[] {1, 1}),
        java.util.Map.entry("between", new int[] {3, 3}),
        java.util.Map.entry("matches", new int[] {2, 2}),
        java.util.Map.entry("in", new int[] {2, Integer.MAX_VALUE}),
        java.util.Map.entry("if", new int[] {3, 3}));

    @Override
    public Object eval(Object root) {
      switch (name) {
        case "present": {
          Object v = args.get(0).eval(root);
          return v != null && !(v instanceof String && ((String) v).isBlank());
        }
        case "if": {
          Object c = args.get(0).eval(root);
          return Boolean.TRUE.equals(c) ? args.get(1).eval(root) : args.get(2).eval(root);
        }
        case "coalesce":
          for (Expr a : args) {
            Object v = a.eval(root);
            if (v != null) {
              return v;
            }
          }
          return null;
        case "count": {
          Object v = args.get(0).eval(root);
          if (v == null) {
            return BigDecimal.ZERO;
          }
          return v instanceof List ? BigDecimal.valueOf(((List<?>) v).size()) : BigDecimal.ONE;
        }
        default:
          break;
      }
      List<Object> values = new ArrayList<>(args.size());
      for (Expr a : args) {
        Object v = a.eval(root);
        if (v instanceof List && (name.equals("sum") || name.equals("min") || name.equals("max")
            || name.equals("concat"))) {
          for (Object e : (List<?>) v) {
            if (e != null) {
              values.add(e);
            }
          }
        } else {
          values.add(v);
        }
      }
      switch (name) {
        case "sum": {
          BigDecimal total = BigDecimal.ZERO;
          for (Object v : values) {
            if (v != null) {
              total = total.add(Values.number(v, name), MathContext.DECIMAL64);
            }
          }
          return total;
        }
        case "concat": {
          StringBuilder sb = new StringBuilder();
          for (Object v : values) {
            if (v != null) {
              sb.append(Values.text(v));
            }
          }
          return sb.toString();
        }
        case "min":
        case "max": {
          Object best = null;
          for (Object v : values) {
            if (v != null && (best == null
                || (name.equals("min") ? Values.compare(v, best, name) < 0 : Values.compare(v, best, name) > 0))) {
              best = v;
            }
          }
          return best;
        }
        default:
          break;
      }
      Object first = values.get(0);
      if (first == null) {
        return null;
      }
      switch (name) {
        case "round": {
          int scale = values.size() > 1 && values.get(1) != null ? Values.number(values.get(1), name).intValue() : 0;
          if (scale < 0 || scale > 20) {
            throw new ExpressionException("round: scale must be between 0 and 20, was " + scale);
          }
          return Values.number(first, name).setScale(scale, RoundingMode.HALF_UP);
        }
        case "abs":
          return Values.number(first, name).abs();
        case "upper":
          return Values.text(first).toUpperCase(Locale.ROOT);
        case "lower":
          return Values.text(first).toLowerCase(Locale.ROOT);
        case "trim":
          return Values.text(first).strip();
        case "length":
          return BigDecimal.valueOf(Values.text(first).length());
        case "between": {
          Object lo = values.get(1);
          Object hi = values.get(2);
          if (lo == null || hi == null) {
            return null;
          }
          return Values.compare(first, lo, name) >= 0 && Values.compare(first, hi, name) <= 0;
        }
        case "matches": {
          Object pattern = args.get(1) instanceof Literal ? compiledPattern() : null;
          java.util.regex.Pattern p = pattern != null ? (java.util.regex.Pattern) pattern
              : java.util.regex.Pattern.compile(Values.text(values.get(1)));
          return p.matcher(Values.text(first)).matches();
        }
        case "in":
          for (int i = 1; i < values.size(); i++) {
            if (Values.equal(first, values.get(i))) {
              return true;
            }
          }
          return false;
        default:
          throw new ExpressionException("unknown function '" + name + "'");
      }
    }

    private Object compiledPattern() {
      return Patterns.compiled(String.valueOf(((Literal) args.get(1)).value()));
    }

    @Override
    public void print(StringBuilder out) {
      out.append(name).append('(');
      for (int i = 0; i < args.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        args.get(i).print(out);
      }
      out.append(')');
    }

    @Override
    public void collectRefs(List<String> out) {
      args.forEach(a -> a.collectRefs(out));
    }
  }


  /** The canonical text of a node. */
  static String text(Expr e) {
    StringBuilder sb = new StringBuilder();
    e.print(sb);
    return sb.toString();
  }
}

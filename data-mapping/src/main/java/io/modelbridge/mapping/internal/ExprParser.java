package io.modelbridge.mapping.internal;

import io.modelbridge.mapping.ExpressionException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser of the expression language (grammar in {@code docs/data-mapping.md}). Never
 * throws anything but {@link ExpressionException} on bad input; nesting is limited so that hostile input
 * cannot overflow the stack.
 */
public final class ExprParser {

  /** Longest accepted expression text. */
  public static final int MAX_LENGTH = 10_000;
  private static final int MAX_DEPTH = 64;

  private final String src;
  private int pos;
  private int depth;

  private ExprParser(String src) {
    this.src = src;
  }

  /**
   * Parses an expression.
   *
   * @throws ExpressionException if the text is not a valid expression (names the position)
   */
  public static Expr parse(String text) {
    if (text == null || text.isBlank()) {
      throw new ExpressionException("an expression must not be empty");
    }
    if (text.length() > MAX_LENGTH) {
      throw new ExpressionException("an expression must not be longer than " + MAX_LENGTH + " characters");
    }
    ExprParser p = new ExprParser(text);
    Expr e = p.or();
    p.skipSpace();
    if (p.pos < p.src.length()) {
      throw p.error("unexpected '" + p.src.charAt(p.pos) + "'");
    }
    return e;
  }

  private ExpressionException error(String what) {
    String shown = src.length() > 80 ? src.substring(0, 80) + "..." : src;
    return new ExpressionException(what + " at position " + pos + " of expression '" + shown + "'");
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw error("expression nested deeper than " + MAX_DEPTH + " levels");
    }
  }

  private Expr or() {
    enter();
    Expr left = and();
    while (keyword("or") || symbol("||")) {
      left = new Expr.Binary("or", left, and());
    }
    depth--;
    return left;
  }

  private Expr and() {
    Expr left = not();
    while (keyword("and") || symbol("&&")) {
      left = new Expr.Binary("and", left, not());
    }
    return left;
  }

  private Expr not() {
    if (keyword("not") || symbolNotFollowedBy("!", '=')) {
      enter();
      Expr operand = not();
      depth--;
      return new Expr.Unary("not", operand);
    }
    return comparison();
  }

  private Expr comparison() {
    Expr left = additive();
    for (String op : new String[] {"==", "!=", "<=", ">=", "<", ">"}) {
      if (symbol(op)) {
        return new Expr.Binary(op, left, additive());
      }
    }
    if (symbolNotFollowedBy("=", '=')) {
      return new Expr.Binary("==", left, additive());
    }
    return left;
  }

  private Expr additive() {
    Expr left = multiplicative();
    while (true) {
      if (symbol("+")) {
        left = new Expr.Binary("+", left, multiplicative());
      } else if (symbol("-")) {
        left = new Expr.Binary("-", left, multiplicative());
      } else {
        return left;
      }
    }
  }

  private Expr multiplicative() {
    Expr left = unary();
    while (true) {
      if (symbol("*")) {
        left = new Expr.Binary("*", left, unary());
      } else if (symbol("/")) {
        left = new Expr.Binary("/", left, unary());
      } else if (symbol("%")) {
        left = new Expr.Binary("%", left, unary());
      } else {
        return left;
      }
    }
  }

  private Expr unary() {
    if (symbol("-")) {
      enter();
      Expr operand = unary();
      depth--;
      if (operand instanceof Expr.Literal && ((Expr.Literal) operand).value() instanceof BigDecimal) {
        return new Expr.Literal(((BigDecimal) ((Expr.Literal) operand).value()).negate());
      }
      return new Expr.Unary("-", operand);
    }
    return primary();
  }

  private Expr primary() {
    skipSpace();
    if (pos >= src.length()) {
      throw error("expected a value but the expression ended");
    }
    char c = src.charAt(pos);
    if (c == '(') {
      pos++;
      Expr inner = or();
      if (!symbol(")")) {
        throw error("expected ')'");
      }
      return inner;
    }
    if (c == '\'' || c == '"') {
      return new Expr.Literal(string(c));
    }
    if (Character.isDigit(c) || c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1))) {
      return new Expr.Literal(number());
    }
    if (isNameStart(c)) {
      int start = pos;
      scanPath();
      String name = src.substring(start, pos);
      switch (name) {
        case "true":
          return new Expr.Literal(Boolean.TRUE);
        case "false":
          return new Expr.Literal(Boolean.FALSE);
        case "null":
          return new Expr.Literal(null);
        case "and":
        case "or":
        case "not":
          pos = start;
          throw error("expected a value but found '" + name + "'");
        default:
          break;
      }
      skipSpace();
      if (pos < src.length() && src.charAt(pos) == '(' && !name.contains(".") && !name.contains("[")) {
        return call(name, start);
      }
      try {
        return new Expr.Ref(FieldPath.parse(name));
      } catch (IllegalArgumentException e) {
        pos = start;
        throw error("invalid field reference: " + e.getMessage());
      }
    }
    throw error("unexpected '" + c + "'");
  }

  private Expr call(String name, int start) {
    int[] arity = Expr.Call.FUNCTIONS.get(name);
    if (arity == null) {
      pos = start;
      throw error("unknown function '" + name + "' (known: " + new java.util.TreeSet<>(Expr.Call.FUNCTIONS.keySet()) + ")");
    }
    pos++; // '('
    enter();
    List<Expr> args = new ArrayList<>();
    if (!symbol(")")) {
      do {
        args.add(or());
      } while (symbol(","));
      if (!symbol(")")) {
        throw error("expected ',' or ')' in the arguments of " + name);
      }
    }
    depth--;
    if (args.size() < arity[0] || args.size() > arity[1]) {
      throw error(name + " takes " + (arity[0] == arity[1] ? String.valueOf(arity[0])
          : arity[1] == Integer.MAX_VALUE ? "at least " + arity[0] : arity[0] + " to " + arity[1])
          + " arguments, got " + args.size());
    }
    if (name.equals("matches")) {
      if (!(args.get(1) instanceof Expr.Literal) || !(((Expr.Literal) args.get(1)).value() instanceof String)) {
        throw error("matches needs a text literal as its pattern");
      }
      try {
        java.util.regex.Pattern.compile((String) ((Expr.Literal) args.get(1)).value());
      } catch (java.util.regex.PatternSyntaxException e) {
        throw error("matches has an invalid pattern: " + e.getDescription());
      }
    }
    return new Expr.Call(name, List.copyOf(args));
  }

  private String string(char quote) {
    int start = pos;
    pos++;
    StringBuilder sb = new StringBuilder();
    while (pos < src.length()) {
      char c = src.charAt(pos++);
      if (c == quote) {
        return sb.toString();
      }
      if (c == '\\') {
        if (pos >= src.length()) {
          break;
        }
        char e = src.charAt(pos++);
        switch (e) {
          case 'n':
            sb.append('\n');
            break;
          case 't':
            sb.append('\t');
            break;
          default:
            sb.append(e);
        }
      } else {
        sb.append(c);
      }
    }
    pos = start;
    throw error("unterminated text literal");
  }

  private BigDecimal number() {
    int start = pos;
    while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.')) {
      pos++;
    }
    String text = src.substring(start, pos);
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      pos = start;
      throw error("invalid number '" + text + "'");
    }
  }

  private static boolean isNameStart(char c) {
    return Character.isLetter(c) || c == '_' || c == '$';
  }

  private static boolean isNamePart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  /** Scans {@code name(.name|[*]|[digits])*} from the current position. */
  private void scanPath() {
    int n = src.length();
    while (pos < n && isNamePart(src.charAt(pos))) {
      pos++;
    }
    while (pos < n) {
      char c = src.charAt(pos);
      if (c == '.' && pos + 1 < n && isNameStart(src.charAt(pos + 1))) {
        pos++;
        while (pos < n && isNamePart(src.charAt(pos))) {
          pos++;
        }
      } else if (c == '[') {
        int close = src.indexOf(']', pos);
        String inner = close < 0 ? "" : src.substring(pos + 1, close);
        if (close < 0 || !(inner.equals("*") || !inner.isEmpty() && inner.length() < 9 && inner.chars().allMatch(Character::isDigit))) {
          throw error("expected [*] or [index] in a field reference");
        }
        pos = close + 1;
      } else {
        return;
      }
    }
  }

  private void skipSpace() {
    while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
      pos++;
    }
  }

  private boolean symbol(String s) {
    skipSpace();
    if (src.startsWith(s, pos)) {
      pos += s.length();
      return true;
    }
    return false;
  }

  private boolean symbolNotFollowedBy(String s, char next) {
    skipSpace();
    if (src.startsWith(s, pos) && !(pos + s.length() < src.length() && src.charAt(pos + s.length()) == next)) {
      pos += s.length();
      return true;
    }
    return false;
  }

  private boolean keyword(String word) {
    skipSpace();
    int end = pos + word.length();
    if (src.startsWith(word, pos) && (end >= src.length() || !isNamePart(src.charAt(end)))) {
      pos = end;
      return true;
    }
    return false;
  }
}

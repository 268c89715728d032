package io.modelbridge.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.modelbridge.json.DataJson;
import io.modelbridge.mapping.internal.Expr;
import io.modelbridge.mapping.internal.ExprParser;
import io.modelbridge.adapters.spi.Masking;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a canonical entity, or any JSON-like value such as a model's structured answer, against a JSON
 * Schema (networknt json-schema-validator, draft 2020-12 unless the schema says otherwise) and business
 * {@link Rule}s. Compiled once; thread-safe. Every violation names the record key, the field path, the
 * rule and the offending value, masked for personal fields.
 */
public final class Validator {

  /** Draft 2020-12 by default, with {@code x-personal} known as an annotation (no unknown-keyword warning). */
  private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
      b -> b.metaSchema(com.networknt.schema.JsonMetaSchema.builder(com.networknt.schema.JsonMetaSchema.getV202012())
          .keyword(new com.networknt.schema.AnnotationKeyword("x-personal")).build()));

  private final Optional<JsonSchema> schema;
  private final List<CompiledRule> rules;
  private final io.modelbridge.mapping.internal.PersonalPaths personal;

  private record CompiledRule(Rule rule, Optional<Expr> when, Expr check, String path) {}

  private Validator(Optional<JsonSchema> schema, List<CompiledRule> rules,
      io.modelbridge.mapping.internal.PersonalPaths personal) {
    this.schema = schema;
    this.rules = rules;
    this.personal = personal;
  }

  /**
   * Compiles a validator.
   *
   * @param schemaJson the JSON Schema document, if any
   * @param rules the business rules
   * @param personalFields canonical field paths holding personal data, in the syntax of
   *     {@link io.modelbridge.adapters.spi.FieldPath} (values at or below them masked in violations)
   * @throws MappingDefinitionException if the schema is not valid JSON or a rule does not parse
   */
  public static Validator of(Optional<String> schemaJson, List<Rule> rules, Set<String> personalFields) {
    Objects.requireNonNull(schemaJson, "schemaJson cannot be null");
    Objects.requireNonNull(rules, "rules cannot be null");
    Optional<JsonSchema> compiled = schemaJson.map(Validator::compileSchema);
    List<CompiledRule> out = new ArrayList<>();
    for (Rule r : rules) {
      try {
        Expr check = ExprParser.parse(r.check());
        Optional<Expr> when = r.when().map(ExprParser::parse);
        List<String> refs = new ArrayList<>();
        check.collectRefs(refs);
        out.add(new CompiledRule(r, when, check, refs.isEmpty() ? "$" : refs.get(0)));
      } catch (ExpressionException e) {
        throw new MappingDefinitionException("rule '" + r.name() + "' is invalid: " + e.getMessage(), e);
      }
    }
    io.modelbridge.mapping.internal.PersonalPaths personal;
    try {
      personal = io.modelbridge.mapping.internal.PersonalPaths.of(personalFields);
    } catch (IllegalArgumentException e) {
      throw new MappingDefinitionException("a personal field path is invalid: " + e.getMessage(), e);
    }
    return new Validator(compiled, List.copyOf(out), personal);
  }

  /** A validator with rules only. */
  public static Validator ofRules(List<Rule> rules, Set<String> personalFields) {
    return of(Optional.empty(), rules, personalFields);
  }

  /**
   * Reads a schema from the classpath (a resource name such as
   * {@code io/modelbridge/mapping/canonical/customer.schema.json}) or else from a file.
   *
   * @throws MappingDefinitionException if neither exists or it cannot be read
   */
  public static String readSchema(String location, Optional<Path> relativeTo) {
    try (InputStream in = Validator.class.getClassLoader().getResourceAsStream(location)) {
      if (in != null) {
        return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new MappingDefinitionException("cannot read schema resource '" + location + "': " + e.getMessage(), e);
    }
    try {
      Path p = relativeTo.map(base -> base.resolveSibling(location)).orElseGet(() -> Path.of(location));
      return Files.readString(p);
    } catch (IOException | java.nio.file.InvalidPathException e) {
      throw new MappingDefinitionException("schema '" + location + "' is neither a classpath resource nor a"
          + " readable file (" + e.getMessage() + "); fix the 'schema' setting", e);
    }
  }

  private static JsonSchema compileSchema(String json) {
    try {
      JsonNode node = DataJson.mapper().readTree(json);
      return SCHEMAS.getSchema(node);
    } catch (IOException | RuntimeException e) {
      throw new MappingDefinitionException("the JSON Schema is invalid: " + e.getMessage(), e);
    }
  }

  /**
   * Validates a value.
   *
   * @param key the record key reported with each violation
   * @param value a Map/List tree or a JsonNode
   * @return the violations; empty if valid. Never throws for bad data: a rule that cannot be evaluated
   *     (for example comparing text with a number) is reported as a violation of that rule.
   */
  public List<Violation> validate(String key, Object value) {
    List<Violation> out = new ArrayList<>(0);
    if (schema.isPresent()) {
      JsonNode node = DataJson.toNode(value);
      Set<ValidationMessage> messages;
      try {
        messages = schema.get().validate(node);
      } catch (RuntimeException e) {
        out.add(new Violation(key, "$", "schema", "", "schema validation failed: " + e.getClass().getSimpleName()));
        messages = Set.of();
      }
      for (ValidationMessage m : messages) {
        String path = toFieldPath(m.getInstanceLocation().toString());
        boolean masked = personal.covers(path);
        JsonNode bad = m.getInstanceNode();
        String shown = bad == null || bad.isContainerNode() ? "" : Masking.show(FieldPath.plainText(bad), masked);
        String msg = masked ? "does not satisfy the schema's '" + m.getType() + "' constraint" : m.getMessage();
        out.add(new Violation(key, path, "schema:" + m.getType(), shown, msg));
      }
    }
    for (CompiledRule r : rules) {
      try {
        if (r.when().isPresent() && !Boolean.TRUE.equals(r.when().get().eval(value))) {
          continue;
        }
        Object result = r.check().eval(value);
        if (Boolean.FALSE.equals(result)) {
          out.add(new Violation(key, r.path(), r.rule().name(), shownRefs(r, value),
              r.rule().message().isEmpty() ? "must satisfy " + r.rule().check() : r.rule().message()));
        } else if (result != null && !(result instanceof Boolean)) {
          out.add(new Violation(key, r.path(), r.rule().name(), "",
              "rule is not a condition: it gave a value instead of true or false"));
        }
      } catch (ExpressionException e) {
        out.add(new Violation(key, r.path(), r.rule().name(), shownRefs(r, value),
            "cannot evaluate " + r.rule().check() + ": " + e.getMessage()));
      } catch (RuntimeException e) {
        out.add(new Violation(key, r.path(), r.rule().name(), "",
            "cannot evaluate " + r.rule().check() + ": " + e.getClass().getSimpleName()));
      }
    }
    return out;
  }

  private String shownRefs(CompiledRule r, Object value) {
    List<String> refs = new ArrayList<>();
    r.check().collectRefs(refs);
    StringBuilder sb = new StringBuilder();
    for (String ref : new java.util.LinkedHashSet<>(refs)) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      Object v;
      try {
        v = io.modelbridge.mapping.internal.FieldPath.parse(ref).get(value);
      } catch (RuntimeException e) {
        v = null;
      }
      sb.append(ref).append('=').append(v == null ? "absent" : Masking.show(v, personal.covers(ref)));
    }
    return sb.toString();
  }

  private static String toFieldPath(String instanceLocation) {
    if (instanceLocation.equals("$")) {
      return "$";
    }
    return instanceLocation.startsWith("$.") ? instanceLocation.substring(2) : instanceLocation;
  }

  /** Whether this validator checks anything. */
  public boolean isEmpty() {
    return schema.isEmpty() && rules.isEmpty();
  }

  /** Minimal helper visible only here. */
  private static final class FieldPath {
    static Object plainText(JsonNode n) {
      Object p = io.modelbridge.mapping.internal.FieldPath.plain(n);
      return p == null ? "null" : p;
    }
  }
}

package io.modelbridge.adapters.http;

import io.modelbridge.adapters.http.internal.ResolvedOperation;
import io.modelbridge.adapters.http.internal.SpecParser;
import io.modelbridge.adapters.spi.EntitySchema;
import io.modelbridge.adapters.spi.FieldSchema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The declaration of a REST system's entities and operations, from which the HTTP adapter builds its
 * descriptor and its requests. Immutable; checked as a whole when built.
 *
 * <p>Write it as a JSON or YAML document ({@link #parse(String)}, the {@code spec} or {@code specFile}
 * configuration keys; the format is in {@code docs/adapters-http.md}) or build it in Java and hand it over
 * as the {@code specObject} key:
 *
 * <pre>{@code
 * HttpApiSpec spec = HttpApiSpec.builder()
 *     .entity(new EntitySchema("customers", List.of(
 *             FieldSchema.required("id", FieldType.STRING),
 *             FieldSchema.optional("city", FieldType.STRING)),
 *         List.of("id"), Optional.empty(), "CRM customers"),
 *         Map.of("city", "/address/city"))
 *     .operation(HttpOperation.builder("customers.get", "customers", OperationKind.GET)
 *         .path("/customers/{id}").build())
 *     .build();
 * }</pre>
 *
 * <p>Each entity field is read from the JSON record at a JSON pointer, by default {@code "/" + name}. A
 * record's version is the response's {@code ETag} header when there is one, otherwise the value of the
 * entity's version field.
 */
public final class HttpApiSpec {

  private final List<EntitySchema> entities;
  private final Map<String, Map<String, String>> pointers;
  private final List<HttpOperation> operations;

  private HttpApiSpec(List<EntitySchema> entities, Map<String, Map<String, String>> pointers,
      List<HttpOperation> operations) {
    this.entities = entities;
    this.pointers = pointers;
    this.operations = operations;
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads a declaration from a JSON or YAML document (JSON when it starts with <code>{</code>).
   *
   * @throws IllegalArgumentException naming the line, the entity or operation and what is wrong
   */
  public static HttpApiSpec parse(String document) {
    return SpecParser.parse(Objects.requireNonNull(document, "document cannot be null"));
  }

  /** The entities, in declaration order. */
  public List<EntitySchema> entities() {
    return entities;
  }

  /** The operations, in declaration order. */
  public List<HttpOperation> operations() {
    return operations;
  }

  /**
   * The JSON pointer a field of an entity is read from and written to.
   *
   * @throws IllegalArgumentException if the entity or field is not declared
   */
  public String pointer(String entity, String field) {
    Map<String, String> byField = pointers.get(entity);
    if (byField == null || !byField.containsKey(field)) {
      throw new IllegalArgumentException("field '" + field + "' of entity '" + entity + "' is not declared");
    }
    return byField.get(field);
  }

  /** Builds an {@link HttpApiSpec}. */
  public static final class Builder {
    private final List<EntitySchema> entities = new ArrayList<>();
    private final Map<String, Map<String, String>> pointers = new LinkedHashMap<>();
    private final List<HttpOperation> operations = new ArrayList<>();

    private Builder() {}

    /** Adds an entity whose fields sit at {@code "/" + name} in each JSON record. */
    public Builder entity(EntitySchema schema) {
      return entity(schema, Map.of());
    }

    /**
     * Adds an entity.
     *
     * @param fieldPointers JSON pointers for fields that are not at {@code "/" + name}, by field name
     * @throws IllegalArgumentException if a pointer names an undeclared field or is not a JSON pointer
     */
    public Builder entity(EntitySchema schema, Map<String, String> fieldPointers) {
      Objects.requireNonNull(schema, "entity schema cannot be null");
      Objects.requireNonNull(fieldPointers, "fieldPointers cannot be null");
      Map<String, String> byField = new LinkedHashMap<>();
      for (FieldSchema f : schema.fields()) {
        byField.put(f.name(), "/" + f.name().replace("~", "~0").replace("/", "~1"));
      }
      fieldPointers.forEach((field, pointer) -> {
        if (!byField.containsKey(field)) {
          throw new IllegalArgumentException("entity '" + schema.name() + "': pointer given for field '"
              + field + "', which is not one of its fields " + byField.keySet());
        }
        if (!pointer.startsWith("/")) {
          throw new IllegalArgumentException("entity '" + schema.name() + "': pointer '" + pointer
              + "' of field '" + field + "' must be a JSON pointer starting with '/'");
        }
        byField.put(field, pointer);
      });
      entities.add(schema);
      pointers.put(schema.name(), Collections.unmodifiableMap(byField));
      return this;
    }

    /** Adds an operation. */
    public Builder operation(HttpOperation operation) {
      operations.add(Objects.requireNonNull(operation, "operation cannot be null"));
      return this;
    }

    /**
     * The declaration, checked as a whole: unique names, every operation's entity declared, every path,
     * query and body placeholder an input field, every input used somewhere.
     *
     * @throws IllegalArgumentException naming the operation and what is wrong
     */
    public HttpApiSpec build() {
      if (operations.isEmpty()) {
        throw new IllegalArgumentException("an HTTP API declaration needs at least one operation");
      }
      HttpApiSpec spec = new HttpApiSpec(List.copyOf(entities),
          Collections.unmodifiableMap(new LinkedHashMap<>(pointers)), List.copyOf(operations));
      ResolvedOperation.resolveAll(spec);
      return spec;
    }
  }

  /** The entity with this name, if declared. */
  public Optional<EntitySchema> entity(String name) {
    return entities.stream().filter(e -> e.name().equals(name)).findFirst();
  }
}

package io.modelbridge.adapters.http;

import io.modelbridge.adapters.spi.Effect;
import io.modelbridge.adapters.spi.FieldSchema;
import io.modelbridge.adapters.spi.OperationKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The declaration of one HTTP operation: which request it sends and how the response maps to records.
 * Immutable; build it with {@link #builder(String, String, OperationKind)}.
 *
 * <p>Arguments reach the request in three places: {@code {name}} placeholders in the path template
 * (URL-encoded as a path segment), query parameter templates ({@code "status" -> "{status}"}; a parameter
 * whose placeholder has no argument is left out), and the JSON body (JSON pointer to argument name). When
 * no body is declared, a CREATE or UPDATE sends every argument that is an entity field and not used in the
 * path or query, at the field's JSON pointer.
 */
public final class HttpOperation {

  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

  private final String name;
  private final String entity;
  private final OperationKind kind;
  private final String method;
  private final String path;
  private final Optional<List<FieldSchema>> input;
  private final Map<String, String> query;
  private final Map<String, String> body;
  private final String records;
  private final Paging paging;
  private final Optional<Effect> effect;
  private final Optional<Boolean> approvalRequired;
  private final String description;

  private HttpOperation(Builder b) {
    this.name = b.name;
    this.entity = b.entity;
    this.kind = b.kind;
    this.method = b.method != null ? b.method : defaultMethod(b.kind);
    this.path = b.path;
    this.input = Optional.ofNullable(b.input).map(List::copyOf);
    this.query = Collections.unmodifiableMap(new LinkedHashMap<>(b.query));
    this.body = Collections.unmodifiableMap(new LinkedHashMap<>(b.body));
    this.records = b.records;
    this.paging = b.paging;
    this.effect = Optional.ofNullable(b.effect);
    this.approvalRequired = Optional.ofNullable(b.approvalRequired);
    this.description = b.description;
  }

  /**
   * A builder for an operation.
   *
   * @param name the operation name (letters, digits, {@code ._-})
   * @param entity the entity it reads or writes
   * @param kind what it does; decides the default HTTP method (QUERY/GET: GET, CREATE: POST, UPDATE: PUT,
   *     DELETE: DELETE)
   * @throws IllegalArgumentException if {@code kind} is SUBSCRIBE, which this adapter does not offer
   */
  public static Builder builder(String name, String entity, OperationKind kind) {
    return new Builder(name, entity, kind);
  }

  private static String defaultMethod(OperationKind kind) {
    return switch (kind) {
      case CREATE -> "POST";
      case UPDATE -> "PUT";
      case DELETE -> "DELETE";
      default -> "GET";
    };
  }

  /** The operation name. */
  public String name() {
    return name;
  }

  /** The entity it reads or writes. */
  public String entity() {
    return entity;
  }

  /** What it does. */
  public OperationKind kind() {
    return kind;
  }

  /** The HTTP method, upper case. */
  public String method() {
    return method;
  }

  /** The path template relative to the base URL, for example {@code /customers/{id}}. */
  public String path() {
    return path;
  }

  /** The declared input fields; empty when they are derived from the entity (see {@link HttpApiSpec}). */
  public Optional<List<FieldSchema>> input() {
    return input;
  }

  /** Query parameter name to value template. */
  public Map<String, String> query() {
    return query;
  }

  /** JSON pointer in the request body to argument name; empty for the default body. */
  public Map<String, String> body() {
    return body;
  }

  /**
   * JSON pointer to the records in the response: an array for QUERY, an object for the others; {@code ""}
   * is the whole body.
   */
  public String records() {
    return records;
  }

  /** How a QUERY pages. */
  public Paging paging() {
    return paging;
  }

  /** The declared effect, if it overrides the default. */
  public Optional<Effect> effect() {
    return effect;
  }

  /** Whether a human must approve each call, if it overrides the default (every write). */
  public Optional<Boolean> approvalRequired() {
    return approvalRequired;
  }

  /** What it does, for the model and for people; may be empty. */
  public String description() {
    return description;
  }

  @Override
  public String toString() {
    return "HttpOperation[" + name + " " + kind + " " + method + " " + path + "]";
  }

  /** Builds an {@link HttpOperation}. */
  public static final class Builder {
    private final String name;
    private final String entity;
    private final OperationKind kind;
    private String method;
    private String path = "/";
    private List<FieldSchema> input;
    private final Map<String, String> query = new LinkedHashMap<>();
    private final Map<String, String> body = new LinkedHashMap<>();
    private String records = "";
    private Paging paging = Paging.none();
    private Effect effect;
    private Boolean approvalRequired;
    private String description = "";

    private Builder(String name, String entity, OperationKind kind) {
      this.name = Objects.requireNonNull(name, "operation name cannot be null");
      this.entity = Objects.requireNonNull(entity, "entity cannot be null");
      this.kind = Objects.requireNonNull(kind, "kind cannot be null");
      if (kind == OperationKind.SUBSCRIBE) {
        throw new IllegalArgumentException("operation '" + name
            + "': kind SUBSCRIBE is not offered by the HTTP adapter; declare a QUERY with a cursor input instead");
      }
    }

    /** The HTTP method (GET, POST, PUT, PATCH, DELETE); defaults from the kind. */
    public Builder method(String httpMethod) {
      String m = Objects.requireNonNull(httpMethod, "method cannot be null").toUpperCase(Locale.ROOT);
      if (!METHODS.contains(m)) {
        throw new IllegalArgumentException("operation '" + name + "': method '" + httpMethod
            + "' is not one of " + METHODS);
      }
      this.method = m;
      return this;
    }

    /** The path template relative to the base URL, for example {@code /customers/{id}}. */
    public Builder path(String template) {
      Objects.requireNonNull(template, "path cannot be null");
      if (!template.startsWith("/")) {
        throw new IllegalArgumentException("operation '" + name + "': path '" + template + "' must start with '/'");
      }
      this.path = template;
      return this;
    }

    /** The input fields; when never called they are derived from the entity. */
    public Builder input(List<FieldSchema> fields) {
      this.input = List.copyOf(Objects.requireNonNull(fields, "input cannot be null"));
      return this;
    }

    /** The input fields; when never called they are derived from the entity. */
    public Builder input(FieldSchema... fields) {
      return input(List.of(fields));
    }

    /** Adds a query parameter whose value is a template, for example {@code "{status}"} or {@code "50"}. */
    public Builder query(String param, String valueTemplate) {
      query.put(Objects.requireNonNull(param, "query param cannot be null"),
          Objects.requireNonNull(valueTemplate, "query value template cannot be null"));
      return this;
    }

    /** Puts argument {@code argument} into the JSON body at {@code pointer} (for example {@code /address/city}). */
    public Builder body(String pointer, String argument) {
      Objects.requireNonNull(pointer, "body pointer cannot be null");
      if (!pointer.startsWith("/")) {
        throw new IllegalArgumentException("operation '" + name + "': body pointer '" + pointer
            + "' must be a JSON pointer starting with '/'");
      }
      body.put(pointer, Objects.requireNonNull(argument, "body argument cannot be null"));
      return this;
    }

    /** JSON pointer to the records in the response; {@code ""} (the default) is the whole body. */
    public Builder records(String pointer) {
      Objects.requireNonNull(pointer, "records pointer cannot be null");
      if (!pointer.isEmpty() && !pointer.startsWith("/")) {
        throw new IllegalArgumentException("operation '" + name + "': records pointer '" + pointer
            + "' must be empty or a JSON pointer starting with '/'");
      }
      this.records = pointer;
      return this;
    }

    /** How a QUERY pages; default {@link Paging#none()}. */
    public Builder paging(Paging value) {
      this.paging = Objects.requireNonNull(value, "paging cannot be null");
      return this;
    }

    /**
     * Overrides the effect. Defaults: QUERY and GET READ; UPDATE with PUT and DELETE IDEMPOTENT_WRITE;
     * everything else WRITE.
     */
    public Builder effect(Effect value) {
      this.effect = Objects.requireNonNull(value, "effect cannot be null");
      return this;
    }

    /** Overrides whether a human must approve each call (default: every write does). */
    public Builder approvalRequired(boolean value) {
      this.approvalRequired = value;
      return this;
    }

    /** What it does, for the model and for people. */
    public Builder description(String text) {
      this.description = Objects.requireNonNull(text, "description cannot be null");
      return this;
    }

    /** The operation; checked against its entity when the {@link HttpApiSpec} is built. */
    public HttpOperation build() {
      return new HttpOperation(this);
    }
  }
}

package io.modelbridge.adapters.http.internal;

import io.modelbridge.adapters.http.HttpApiSpec;
import io.modelbridge.adapters.http.HttpOperation;
import io.modelbridge.adapters.http.Paging;
import io.modelbridge.adapters.spi.Effect;
import io.modelbridge.adapters.spi.EntitySchema;
import io.modelbridge.adapters.spi.FieldSchema;
import io.modelbridge.adapters.spi.FieldType;
import io.modelbridge.adapters.spi.OperationDescriptor;
import io.modelbridge.adapters.spi.OperationKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An operation with every default applied and every reference checked: what the adapter executes.
 *
 * @param op the declaration
 * @param descriptor what the adapter publishes
 * @param entity the entity it reads or writes
 * @param fieldPointers JSON pointer of each entity field
 * @param body JSON pointer in the request body to argument name (explicit or derived)
 */
public record ResolvedOperation(
    HttpOperation op,
    OperationDescriptor descriptor,
    EntitySchema entity,
    Map<String, String> fieldPointers,
    Map<String, String> body) {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)}");

  /** Resolves every operation of {@code spec}. @throws IllegalArgumentException naming what is wrong */
  public static List<ResolvedOperation> resolveAll(HttpApiSpec spec) {
    List<ResolvedOperation> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (HttpOperation op : spec.operations()) {
      if (!names.add(op.name())) {
        throw new IllegalArgumentException("operation '" + op.name() + "' is declared twice");
      }
      out.add(resolve(spec, op));
    }
    return out;
  }

  /** The names of the {@code {placeholders}} in a template, in order. */
  public static List<String> placeholders(String template) {
    List<String> out = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static ResolvedOperation resolve(HttpApiSpec spec, HttpOperation op) {
    String where = "operation '" + op.name() + "'";
    EntitySchema entity = spec.entity(op.entity()).orElseThrow(() -> new IllegalArgumentException(
        where + " names entity '" + op.entity() + "', which is not declared; declared: "
            + spec.entities().stream().map(EntitySchema::name).toList()));
    Map<String, String> pointers = new LinkedHashMap<>();
    entity.fields().forEach(f -> pointers.put(f.name(), spec.pointer(entity.name(), f.name())));

    List<String> pathParams = placeholders(op.path());
    Set<String> queryParams = new LinkedHashSet<>();
    op.query().values().forEach(t -> queryParams.addAll(placeholders(t)));

    List<FieldSchema> input = op.input().orElseGet(() -> defaultInput(op, entity, pathParams, queryParams));
    Map<String, FieldSchema> inputByName = new LinkedHashMap<>();
    input.forEach(f -> inputByName.put(f.name(), f));

    for (String p : pathParams) {
      FieldSchema f = inputByName.get(p);
      if (f == null) {
        throw new IllegalArgumentException(where + ": path placeholder {" + p + "} is not an input field "
            + inputByName.keySet());
      }
      if (!f.required()) {
        throw new IllegalArgumentException(where + ": input field '" + p
            + "' is used in the path, so it must be required");
      }
    }
    for (String q : queryParams) {
      if (!inputByName.containsKey(q)) {
        throw new IllegalArgumentException(where + ": query placeholder {" + q + "} is not an input field "
            + inputByName.keySet());
      }
    }
    op.body().forEach((pointer, arg) -> {
      if (!inputByName.containsKey(arg)) {
        throw new IllegalArgumentException(where + ": body pointer '" + pointer + "' takes argument '" + arg
            + "', which is not an input field " + inputByName.keySet());
      }
    });

    boolean sendsBody = !op.method().equals("GET") && !op.method().equals("DELETE");
    Map<String, String> body = new LinkedHashMap<>(op.body());
    if (body.isEmpty() && sendsBody) {
      for (FieldSchema f : input) {
        if (!pathParams.contains(f.name()) && !queryParams.contains(f.name()) && pointers.containsKey(f.name())) {
          body.put(pointers.get(f.name()), f.name());
        }
      }
    }
    if (!body.isEmpty() && !sendsBody) {
      throw new IllegalArgumentException(where + ": a " + op.method() + " request cannot carry a body");
    }
    Set<String> used = new HashSet<>(pathParams);
    used.addAll(queryParams);
    used.addAll(body.values());
    for (FieldSchema f : input) {
      if (!used.contains(f.name())) {
        throw new IllegalArgumentException(where + ": input field '" + f.name()
            + "' is used nowhere (not in the path, the query or the body)");
      }
    }
    if (op.kind() != OperationKind.QUERY && op.paging().type() != Paging.Type.NONE) {
      throw new IllegalArgumentException(where + ": only a QUERY can page, this is a " + op.kind());
    }

    Effect effect = op.effect().orElseGet(() -> defaultEffect(op));
    boolean approval = op.approvalRequired().orElse(effect.writes());
    OperationDescriptor descriptor = new OperationDescriptor(
        op.name(), entity.name(), op.kind(), effect, approval, input, op.description());
    return new ResolvedOperation(op, descriptor, entity, Map.copyOf(pointers), Map.copyOf(body));
  }

  private static Effect defaultEffect(HttpOperation op) {
    return switch (op.kind()) {
      case QUERY, GET, SUBSCRIBE -> Effect.READ;
      case UPDATE -> op.method().equals("PUT") ? Effect.IDEMPOTENT_WRITE : Effect.WRITE;
      case DELETE -> Effect.IDEMPOTENT_WRITE;
      case CREATE -> Effect.WRITE;
    };
  }

  private static List<FieldSchema> defaultInput(
      HttpOperation op, EntitySchema entity, List<String> pathParams, Set<String> queryParams) {
    Map<String, FieldSchema> out = new LinkedHashMap<>();
    switch (op.kind()) {
      case GET, DELETE -> entity.keyFields().forEach(k -> out.put(k, asInput(entity, k, true)));
      case CREATE -> entity.fields().forEach(f -> {
        boolean isKeyOrVersion = entity.keyFields().contains(f.name())
            || entity.versionField().filter(f.name()::equals).isPresent();
        if (!entity.versionField().filter(f.name()::equals).isPresent()) {
          out.put(f.name(), asInput(entity, f.name(), f.required() && !isKeyOrVersion));
        }
      });
      case UPDATE -> entity.fields().forEach(f -> {
        if (!entity.versionField().filter(f.name()::equals).isPresent()) {
          out.put(f.name(), asInput(entity, f.name(), entity.keyFields().contains(f.name())));
        }
      });
      default -> { }
    }
    for (String p : pathParams) {
      out.putIfAbsent(p, asInput(entity, p, true));
      if (!out.get(p).required()) {
        out.put(p, asInput(entity, p, true));
      }
    }
    for (String q : queryParams) {
      out.putIfAbsent(q, asInput(entity, q, false));
    }
    if (op.kind() == OperationKind.GET || op.kind() == OperationKind.DELETE) {
      // A key field that the path does not carry would be silently ignored: GET /customers/{id} takes only id.
      out.keySet().removeIf(k -> !pathParams.contains(k) && !queryParams.contains(k) && !op.body().containsValue(k));
    }
    return new ArrayList<>(out.values());
  }

  private static FieldSchema asInput(EntitySchema entity, String name, boolean required) {
    FieldSchema base = entity.field(name).orElse(new FieldSchema(name, FieldType.STRING, required, false, ""));
    return new FieldSchema(name, base.type(), required, base.personal(), base.description());
  }
}

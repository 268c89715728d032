package io.modelbridge.examples.sampleplugin;

import io.modelbridge.adapters.spi.AbstractSystemAdapter;
import io.modelbridge.adapters.spi.AdapterDescriptor;
import io.modelbridge.adapters.spi.AdapterRecord;
import io.modelbridge.adapters.spi.Effect;
import io.modelbridge.adapters.spi.EntitySchema;
import io.modelbridge.adapters.spi.FieldSchema;
import io.modelbridge.adapters.spi.FieldType;
import io.modelbridge.adapters.spi.Health;
import io.modelbridge.adapters.spi.InputRejectedException;
import io.modelbridge.adapters.spi.OperationDescriptor;
import io.modelbridge.adapters.spi.OperationKind;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.RecordNotFoundException;
import io.modelbridge.adapters.spi.RecordStream;
import io.modelbridge.adapters.spi.SourceRef;
import io.modelbridge.adapters.spi.SpiVersion;
import io.modelbridge.adapters.spi.SystemKind;
import io.modelbridge.adapters.spi.VersionConflictException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The toy ticket system: tickets in a map, each with a version that every change increments. Operations:
 * {@code tickets.get} (GET), {@code tickets.byStatus} (QUERY), {@code tickets.close} (UPDATE, idempotent,
 * needs approval), on a {@link LegacyTicketSystem} instance. Thread-safe.
 */
final class TicketAdapter extends AbstractSystemAdapter {

  private static final EntitySchema TICKET = new EntitySchema("ticket", List.of(
      FieldSchema.required("id", FieldType.INTEGER).describedAs("ticket number"),
      FieldSchema.required("subject", FieldType.STRING),
      FieldSchema.required("status", FieldType.STRING).describedAs("OPEN or CLOSED"),
      FieldSchema.required("opened", FieldType.DATE),
      FieldSchema.required("reporterEmail", FieldType.STRING).asPersonal(),
      FieldSchema.required("desk", FieldType.STRING),
      FieldSchema.optional("resolution", FieldType.STRING),
      FieldSchema.required("version", FieldType.INTEGER)),
      List.of("id"), Optional.of("version"), "a help-desk ticket");

  private final AdapterDescriptor descriptor;
  private final String desk;
  private final LegacyTicketSystem system;

  TicketAdapter(String systemId, String desk, LegacyTicketSystem system) {
    this.desk = desk;
    this.system = system;
    this.descriptor = new AdapterDescriptor(SpiVersion.CURRENT, systemId, SystemKind.OTHER, List.of(TICKET),
        List.of(
            new OperationDescriptor("tickets.get", "ticket", OperationKind.GET, Effect.READ, false,
                List.of(FieldSchema.required("id", FieldType.INTEGER).describedAs("ticket number")),
                "Reads one help-desk ticket by number"),
            new OperationDescriptor("tickets.byStatus", "ticket", OperationKind.QUERY, Effect.READ, false,
                List.of(FieldSchema.required("status", FieldType.STRING).describedAs("OPEN or CLOSED")),
                "Lists the tickets with a status"),
            new OperationDescriptor("tickets.close", "ticket", OperationKind.UPDATE, Effect.IDEMPOTENT_WRITE, true,
                List.of(FieldSchema.required("id", FieldType.INTEGER).describedAs("ticket number"),
                    FieldSchema.required("resolution", FieldType.STRING).describedAs("how it was solved")),
                "Closes a ticket with a resolution")));
  }

  @Override
  public AdapterDescriptor descriptor() {
    return descriptor;
  }

  /** The base has bound the arguments: required ones present, none unknown, each of its field's type. */
  @Override
  protected RecordStream run(OperationDescriptor operation, Map<String, Object> arguments,
      OperationRequest request) {
    String op = operation.name();
    Map<String, Object> args = notBlank(operation, arguments);
    switch (op) {
      case "tickets.get":
        return RecordStream.of(List.of(record(find(op, args))));
      case "tickets.byStatus": {
        List<AdapterRecord> out = new ArrayList<>();
        system.withStatus((String) args.get("status")).forEach(t -> out.add(record(t)));
        return RecordStream.of(out);
      }
      case "tickets.close":
        return RecordStream.of(List.of(record(close(op, args, request))));
      default:
        throw new IllegalStateException("operation '" + op + "' is in the descriptor but has no handler in TicketAdapter.execute: add a case for it");
    }
  }

  private Map<String, Object> close(String op, Map<String, Object> args, OperationRequest request) {
    Map<String, Object> t = find(op, args);
    String resolution = (String) args.get("resolution");
    if ("CLOSED".equals(t.get("status")) && resolution.equals(t.get("resolution"))) {
      return t; // idempotent: closing again with the same resolution changes nothing
    }
    String current = String.valueOf(t.get("version"));
    String expected = request.expectedVersion().orElseThrow(() -> new InputRejectedException(descriptor.systemId(),
        op, "expectedVersion", "is required: read the ticket first and pass its version", null));
    if (!expected.equals(current)) {
      throw new VersionConflictException(descriptor.systemId(), op, String.valueOf(t.get("id")), expected, current);
    }
    Map<String, Object> next = new LinkedHashMap<>(t);
    next.put("status", "CLOSED");
    next.put("resolution", resolution);
    next.put("version", (Long) t.get("version") + 1);
    if (!request.dryRun() && !system.replace(next, (Long) t.get("version"))) {
      // changed between our read and our write
      throw new VersionConflictException(descriptor.systemId(), op, String.valueOf(t.get("id")), expected, null);
    }
    return next;
  }

  /** What only this system refuses: a blank text (the legacy system stores it as "no value"). */
  private Map<String, Object> notBlank(OperationDescriptor op, Map<String, Object> args) {
    for (Map.Entry<String, Object> e : args.entrySet()) {
      if (e.getValue() instanceof String s && s.isBlank()) {
        throw new InputRejectedException(descriptor.systemId(), op.name(), e.getKey(), "must not be blank", null);
      }
    }
    return args;
  }

  private Map<String, Object> find(String op, Map<String, Object> args) {
    long id = (Long) args.get("id");
    return system.find(id).orElseThrow(() ->
        new RecordNotFoundException(descriptor.systemId(), op, "ticket", String.valueOf(id)));
  }

  private AdapterRecord record(Map<String, Object> t) {
    Map<String, Object> fields = new LinkedHashMap<>(t);
    fields.put("desk", desk);
    return new AdapterRecord(new SourceRef(descriptor.systemId(), "ticket", Map.of("id", t.get("id")),
        Optional.of(String.valueOf(t.get("version"))), Instant.now()), fields);
  }

  @Override
  protected Health checkHealth() {
    return new Health(Health.Status.UP, "in-memory tickets at desk " + desk, Duration.ZERO);
  }
}

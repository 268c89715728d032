package io.modelbridge.examples.sampleplugin;

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
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.adapters.spi.SystemKind;
import io.modelbridge.adapters.spi.SystemUnavailableException;
import io.modelbridge.adapters.spi.VersionConflictException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The toy ticket system: tickets in a map, each with a version that every change increments. Operations:
 * {@code tickets.get} (GET), {@code tickets.byStatus} (QUERY), {@code tickets.close} (UPDATE, idempotent,
 * needs approval). Thread-safe (every call holds the adapter's lock).
 */
final class TicketAdapter implements SystemAdapter {

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
  private final Map<Long, Map<String, Object>> tickets = new TreeMap<>();
  private boolean closed;

  TicketAdapter(String systemId, String desk, int demoTickets) {
    this.desk = desk;
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
    for (long i = 1; i <= demoTickets; i++) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("id", i);
      t.put("subject", "Printer " + i + " jams");
      t.put("status", "OPEN");
      t.put("opened", LocalDate.of(2024, 1, 1).plusDays(i));
      t.put("reporterEmail", "user" + i + "@example.com");
      t.put("desk", desk);
      t.put("version", 1L);
      tickets.put(i, t);
    }
  }

  @Override
  public AdapterDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public synchronized RecordStream execute(OperationRequest request) {
    String op = request.operation();
    if (closed) {
      throw new SystemUnavailableException(descriptor.systemId(), op, "the adapter is closed", null);
    }
    Map<String, Object> args = request.arguments();
    switch (op) {
      case "tickets.get":
        return RecordStream.of(List.of(record(find(op, args))));
      case "tickets.byStatus": {
        String status = text(op, args, "status");
        List<AdapterRecord> out = new ArrayList<>();
        tickets.values().stream().filter(t -> t.get("status").equals(status)).forEach(t -> out.add(record(t)));
        return RecordStream.of(out);
      }
      case "tickets.close": {
        Map<String, Object> t = find(op, args);
        String current = String.valueOf(t.get("version"));
        String expected = request.expectedVersion().orElse(current);
        if (!expected.equals(current)) {
          throw new VersionConflictException(descriptor.systemId(), op, String.valueOf(t.get("id")), expected,
              current);
        }
        if (t.get("status").equals("CLOSED")) {
          return RecordStream.of(List.of(record(t))); // idempotent: closing twice changes nothing
        }
        Map<String, Object> next = new LinkedHashMap<>(t);
        next.put("status", "CLOSED");
        next.put("resolution", text(op, args, "resolution"));
        next.put("version", (Long) t.get("version") + 1);
        if (!request.dryRun()) {
          tickets.put((Long) t.get("id"), next);
        }
        return RecordStream.of(List.of(record(next)));
      }
      default:
        throw new InputRejectedException(descriptor.systemId(), op, "operation",
            "is not an operation of this system; see descriptor().operations()", null);
    }
  }

  private Map<String, Object> find(String op, Map<String, Object> args) {
    Object id = args.get("id");
    if (!(id instanceof Long)) {
      throw new InputRejectedException(descriptor.systemId(), op, "id", "is required as a whole number", null);
    }
    Map<String, Object> t = tickets.get(id);
    if (t == null) {
      throw new RecordNotFoundException(descriptor.systemId(), op, "ticket", String.valueOf(id));
    }
    return t;
  }

  private String text(String op, Map<String, Object> args, String field) {
    Object v = args.get(field);
    if (!(v instanceof String s) || s.isBlank()) {
      throw new InputRejectedException(descriptor.systemId(), op, field, "is required as text", null);
    }
    return s;
  }

  private AdapterRecord record(Map<String, Object> t) {
    return new AdapterRecord(new SourceRef(descriptor.systemId(), "ticket", Map.of("id", t.get("id")),
        Optional.of(String.valueOf(t.get("version"))), Instant.now()), t);
  }

  @Override
  public Health health() {
    return new Health(closed ? Health.Status.DOWN : Health.Status.UP, "in-memory tickets at desk " + desk,
        Duration.ZERO);
  }

  @Override
  public synchronized void close() {
    closed = true;
  }
}

package io.modelbridge.adapters.tck;

import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.AdapterDescriptor;
import io.modelbridge.adapters.spi.AdapterRecord;
import io.modelbridge.adapters.spi.ConfigKey;
import io.modelbridge.adapters.spi.Effect;
import io.modelbridge.adapters.spi.EntitySchema;
import io.modelbridge.adapters.spi.FieldSchema;
import io.modelbridge.adapters.spi.FieldType;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A small adapter over an in-memory table of items; with defects switched on it breaks the contract. */
final class InMemoryAdapter implements SystemAdapter {

  enum Defect { READ_MUTATES, UNTYPED_NOT_FOUND, SOURCE_WITHOUT_KEY_FIELD, IGNORES_UNKNOWN_ARGUMENTS,
    RUNS_AFTER_CLOSE, NO_VERSION_CHECK, OWN_COERCION, QUERY_LOSES_THE_LAST_RECORD }

  /** The system's state: items by id, each {name, qty, version}; the open "connections". */
  static final class Store {
    final TreeMap<Long, Map<String, Object>> items = new TreeMap<>();
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger reads = new AtomicInteger();

    synchronized void reset() {
      items.clear();
      for (long id = 1; id <= 3; id++) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("name", "item " + id);
        row.put("qty", id * 10);
        row.put("version", 1L);
        items.put(id, row);
      }
    }

    synchronized String snapshot() {
      return items.toString() + "/reads=" + reads.get();
    }
  }

  static final ConfigKey STORE = ConfigKey.required("store", ConfigKey.Type.OBJECT, "the in-memory store");

  static final EntitySchema ITEM = new EntitySchema("item",
      List.of(FieldSchema.required("id", FieldType.INTEGER), FieldSchema.required("name", FieldType.STRING).asPersonal(),
          FieldSchema.required("qty", FieldType.INTEGER), FieldSchema.required("version", FieldType.INTEGER)),
      List.of("id"), Optional.of("version"), "an item");

  private final String systemId;
  private final Store store;
  private final Set<Defect> defects;
  private volatile boolean closed;

  InMemoryAdapter(AdapterConfig config, Set<Defect> defects) {
    this.systemId = config.systemId();
    this.store = config.object(STORE, Store.class).orElseThrow();
    this.defects = defects.isEmpty() ? EnumSet.noneOf(Defect.class) : EnumSet.copyOf(defects);
    store.connections.incrementAndGet();
  }

  @Override
  public AdapterDescriptor descriptor() {
    FieldSchema id = FieldSchema.required("id", FieldType.INTEGER);
    return new AdapterDescriptor(SpiVersion.CURRENT, systemId, SystemKind.OTHER, List.of(ITEM), List.of(
        new OperationDescriptor("item.query", "item", OperationKind.QUERY, Effect.READ, false,
            List.of(FieldSchema.optional("minQty", FieldType.INTEGER)), "items with at least minQty"),
        new OperationDescriptor("item.get", "item", OperationKind.GET, Effect.READ, false, List.of(id), ""),
        new OperationDescriptor("item.create", "item", OperationKind.CREATE, Effect.WRITE, true,
            List.of(id, FieldSchema.required("name", FieldType.STRING), FieldSchema.required("qty", FieldType.INTEGER)), ""),
        new OperationDescriptor("item.update", "item", OperationKind.UPDATE, Effect.IDEMPOTENT_WRITE, true,
            List.of(id, FieldSchema.required("qty", FieldType.INTEGER)), ""),
        new OperationDescriptor("item.delete", "item", OperationKind.DELETE, Effect.IDEMPOTENT_WRITE, true,
            List.of(id), "")));
  }

  @Override
  public RecordStream execute(OperationRequest request) {
    String op = request.operation();
    if (closed && !defects.contains(Defect.RUNS_AFTER_CLOSE)) {
      throw new SystemUnavailableException(systemId, op, "adapter is closed", null);
    }
    OperationDescriptor d = descriptor().operation(op)
        .orElseThrow(() -> new InputRejectedException(systemId, op, "-", "no such operation", null));
    Map<String, Object> args = new LinkedHashMap<>(request.arguments());
    if (defects.contains(Defect.IGNORES_UNKNOWN_ARGUMENTS)) {
      args.keySet().removeIf(name -> d.inputField(name).isEmpty());
    }
    if (defects.contains(Defect.OWN_COERCION)) {
      // The defect the SPI's binding removes: a private rule that takes only the exact Java type.
      for (String name : args.keySet()) {
        if (d.inputField(name).isEmpty()) {
          throw new InputRejectedException(systemId, op, name, "is not an input of " + op, null);
        }
      }
      for (FieldSchema f : d.input()) {
        Object v = args.get(f.name());
        if (v == null && f.required()) {
          throw new InputRejectedException(systemId, op, f.name(), "is required", null);
        }
        if (v != null && !f.type().javaType().isInstance(v)) {
          throw new InputRejectedException(systemId, op, f.name(), "must be " + f.type(), null);
        }
      }
    } else {
      args = new LinkedHashMap<>(d.bind(args).orElseThrow(systemId));
    }
    synchronized (store) {
      switch (d.kind()) {
        case QUERY: {
          if (defects.contains(Defect.READ_MUTATES)) {
            store.reads.incrementAndGet();
          }
          long min = (Long) args.getOrDefault("minQty", 0L);
          List<AdapterRecord> out = new ArrayList<>();
          store.items.values().stream().filter(r -> (Long) r.get("qty") >= min).forEach(r -> out.add(record(r)));
          if (defects.contains(Defect.QUERY_LOSES_THE_LAST_RECORD) && !out.isEmpty()) {
            out.remove(out.size() - 1);
          }
          return RecordStream.of(out);
        }
        case GET: {
          return RecordStream.of(List.of(record(existing(op, (Long) args.get("id")))));
        }
        case CREATE: {
          long id = (Long) args.get("id");
          if (store.items.containsKey(id)) {
            throw new InputRejectedException(systemId, op, "id", "already exists", null);
          }
          Map<String, Object> row = new LinkedHashMap<>(args);
          row.put("version", 1L);
          if (!request.dryRun()) {
            store.items.put(id, row);
          }
          return RecordStream.of(List.of(record(row)));
        }
        case UPDATE: {
          Map<String, Object> row = existing(op, (Long) args.get("id"));
          String current = String.valueOf(row.get("version"));
          String expected = request.expectedVersion().orElse(current);
          if (!expected.equals(current) && !defects.contains(Defect.NO_VERSION_CHECK)) {
            throw new VersionConflictException(systemId, op, String.valueOf(row.get("id")), expected, current);
          }
          Map<String, Object> next = new LinkedHashMap<>(row);
          next.put("qty", args.get("qty"));
          if (!next.equals(row)) {
            next.put("version", (Long) row.get("version") + 1);
          }
          if (!request.dryRun()) {
            store.items.put((Long) row.get("id"), next);
          }
          return RecordStream.of(List.of(record(next)));
        }
        case DELETE: {
          Map<String, Object> row = existing(op, (Long) args.get("id"));
          if (!request.dryRun()) {
            store.items.remove((Long) row.get("id"));
          }
          return RecordStream.empty();
        }
        default:
          throw new InputRejectedException(systemId, op, "-", "unsupported kind", null);
      }
    }
  }

  private Map<String, Object> existing(String op, long id) {
    Map<String, Object> row = store.items.get(id);
    if (row == null) {
      if (defects.contains(Defect.UNTYPED_NOT_FOUND)) {
        throw new IllegalStateException("no item " + id);
      }
      throw new RecordNotFoundException(systemId, op, "item", String.valueOf(id));
    }
    return row;
  }

  private AdapterRecord record(Map<String, Object> row) {
    Map<String, Object> key = defects.contains(Defect.SOURCE_WITHOUT_KEY_FIELD)
        ? Map.of("name", row.get("name")) : Map.of("id", row.get("id"));
    return new AdapterRecord(new SourceRef(systemId, "item", key,
        Optional.of(String.valueOf(row.get("version"))), Instant.now()), row);
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      store.connections.decrementAndGet();
    }
  }
}

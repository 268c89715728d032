package io.modelbridge.core.tools;

import io.modelbridge.adapters.spi.AdapterDescriptor;
import io.modelbridge.adapters.spi.AdapterRecord;
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
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small map-backed CRM implementing the adapter SPI for governed-tool tests: customers with a version
 * that every write increments. Records every request it executes.
 */
final class InMemoryCustomerAdapter implements SystemAdapter {

  static final String SYSTEM = "crm";

  private static final EntitySchema CUSTOMER = new EntitySchema("customer", List.of(
      FieldSchema.required("id", FieldType.INTEGER),
      FieldSchema.required("name", FieldType.STRING).asPersonal(),
      FieldSchema.required("credit", FieldType.DECIMAL),
      FieldSchema.optional("since", FieldType.DATE),
      FieldSchema.required("version", FieldType.INTEGER)),
      List.of("id"), Optional.of("version"), "a customer");

  static final AdapterDescriptor DESCRIPTOR = new AdapterDescriptor(SpiVersion.CURRENT, SYSTEM, SystemKind.CRM,
      List.of(CUSTOMER), List.of(
          new OperationDescriptor("customers.get", "customer", OperationKind.GET, Effect.READ, false,
              List.of(FieldSchema.required("id", FieldType.INTEGER).describedAs("the customer number")),
              "Reads one customer by number"),
          new OperationDescriptor("customers.query", "customer", OperationKind.QUERY, Effect.READ, false,
              List.of(FieldSchema.optional("minCredit", FieldType.DECIMAL),
                  FieldSchema.optional("since", FieldType.DATE),
                  FieldSchema.optional("active", FieldType.BOOLEAN),
                  FieldSchema.optional("touchedAfter", FieldType.TIMESTAMP),
                  FieldSchema.optional("nameStarts", FieldType.STRING)),
              "Finds customers with at least the given credit"),
          new OperationDescriptor("customers.setCredit", "customer", OperationKind.UPDATE,
              Effect.IDEMPOTENT_WRITE, true,
              List.of(FieldSchema.required("id", FieldType.INTEGER),
                  FieldSchema.required("credit", FieldType.DECIMAL)),
              "Sets a customer's credit limit"),
          new OperationDescriptor("customers.create", "customer", OperationKind.CREATE, Effect.WRITE, false,
              List.of(FieldSchema.required("id", FieldType.INTEGER),
                  FieldSchema.required("name", FieldType.STRING).asPersonal(),
                  FieldSchema.required("credit", FieldType.DECIMAL),
                  FieldSchema.optional("since", FieldType.DATE)),
              "Creates a customer")));

  final Map<Long, Map<String, Object>> rows = new ConcurrentSkipListMap<>();
  final List<OperationRequest> executed = new CopyOnWriteArrayList<>();
  private final Map<String, Boolean> flags = new ConcurrentHashMap<>();

  InMemoryCustomerAdapter() {
    put(1L, "Ada Example", new BigDecimal("1000.00"), LocalDate.of(2020, 1, 15), 1L);
    put(2L, "Bob Sample", new BigDecimal("250.50"), LocalDate.of(2021, 6, 1), 1L);
  }

  private void put(long id, String name, BigDecimal credit, LocalDate since, long version) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("name", name);
    row.put("credit", credit);
    row.put("since", since);
    row.put("version", version);
    rows.put(id, row);
  }

  void failNextWith(String kind) {
    flags.put(kind, true);
  }

  @Override
  public AdapterDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public synchronized RecordStream execute(OperationRequest r) {
    executed.add(r);
    if (flags.remove("unavailable") != null) {
      throw new SystemUnavailableException(SYSTEM, r.operation(), "connection refused", null);
    }
    Map<String, Object> a = r.arguments();
    switch (r.operation()) {
      case "customers.get": {
        long id = (Long) a.get("id");
        Map<String, Object> row = rows.get(id);
        if (row == null) {
          throw new RecordNotFoundException(SYSTEM, r.operation(), "customer", String.valueOf(id));
        }
        return RecordStream.of(List.of(record(row)));
      }
      case "customers.query": {
        BigDecimal min = (BigDecimal) a.getOrDefault("minCredit", BigDecimal.ZERO);
        List<AdapterRecord> out = new ArrayList<>();
        rows.values().stream().filter(row -> ((BigDecimal) row.get("credit")).compareTo(min) >= 0)
            .forEach(row -> out.add(record(row)));
        return RecordStream.of(out);
      }
      case "customers.setCredit": {
        long id = (Long) a.get("id");
        Map<String, Object> row = rows.get(id);
        if (row == null) {
          throw new RecordNotFoundException(SYSTEM, r.operation(), "customer", String.valueOf(id));
        }
        String expected = r.expectedVersion().orElseThrow(() -> new InputRejectedException(SYSTEM,
            r.operation(), "expectedVersion", "is required: read the customer first", null));
        String current = String.valueOf(row.get("version"));
        if (!current.equals(expected)) {
          throw new VersionConflictException(SYSTEM, r.operation(), String.valueOf(id), expected, current);
        }
        Map<String, Object> next = new LinkedHashMap<>(row);
        next.put("credit", a.get("credit"));
        next.put("version", (Long) row.get("version") + 1);
        if (!r.dryRun()) {
          rows.put(id, next);
        }
        return RecordStream.of(List.of(record(next)));
      }
      case "customers.create": {
        long id = (Long) a.get("id");
        if (rows.containsKey(id)) {
          throw new InputRejectedException(SYSTEM, r.operation(), "id", "customer " + id + " exists", null);
        }
        Map<String, Object> row = new LinkedHashMap<>(a);
        row.put("version", 1L);
        if (!r.dryRun()) {
          rows.put(id, row);
        }
        return RecordStream.of(List.of(record(row)));
      }
      default:
        throw new InputRejectedException(SYSTEM, r.operation(), "operation", "unknown operation", null);
    }
  }

  private static AdapterRecord record(Map<String, Object> row) {
    return new AdapterRecord(new SourceRef(SYSTEM, "customer", Map.of("id", row.get("id")),
        Optional.of(String.valueOf(row.get("version"))), Instant.now()), row);
  }

  @Override
  public void close() {}
}

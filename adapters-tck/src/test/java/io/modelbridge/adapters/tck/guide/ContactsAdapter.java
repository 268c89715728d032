package io.modelbridge.adapters.tck.guide;

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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The vendor guide's example adapter: a read-only contact directory. */
final class ContactsAdapter implements SystemAdapter {

  private static final EntitySchema CONTACT = new EntitySchema("contact",
      List.of(FieldSchema.required("id", FieldType.STRING),
          FieldSchema.required("name", FieldType.STRING).asPersonal().describedAs("full name")),
      List.of("id"), Optional.empty(), "a person in the directory");

  private final String systemId;
  private final Map<String, String> directory;
  private volatile boolean closed;

  ContactsAdapter(String systemId, Map<String, String> directory) {
    this.systemId = systemId;
    this.directory = directory;
  }

  @Override
  public AdapterDescriptor descriptor() {
    return new AdapterDescriptor(SpiVersion.CURRENT, systemId, SystemKind.CRM, List.of(CONTACT), List.of(
        new OperationDescriptor("contact.get", "contact", OperationKind.GET, Effect.READ, false,
            List.of(FieldSchema.required("id", FieldType.STRING)), "reads one contact"),
        new OperationDescriptor("contact.query", "contact", OperationKind.QUERY, Effect.READ, false,
            List.of(FieldSchema.optional("namePrefix", FieldType.STRING)), "contacts whose name starts so")));
  }

  @Override
  public RecordStream execute(OperationRequest request) {
    String op = request.operation();
    if (closed) {
      throw new SystemUnavailableException(systemId, op, "adapter closed; create a new one", null);
    }
    OperationDescriptor d = descriptor().operation(op).orElseThrow(() ->
        new InputRejectedException(systemId, op, "-", "no such operation", null));
    for (Map.Entry<String, Object> a : request.arguments().entrySet()) {
      FieldSchema f = d.inputField(a.getKey()).orElseThrow(() ->
          new InputRejectedException(systemId, op, a.getKey(), "is not an input of " + op, null));
      if (!f.type().javaType().isInstance(a.getValue())) {
        throw new InputRejectedException(systemId, op, f.name(), "must be " + f.type(), null);
      }
    }
    for (FieldSchema f : d.input()) {
      if (f.required() && !request.arguments().containsKey(f.name())) {
        throw new InputRejectedException(systemId, op, f.name(), "is required", null);
      }
    }
    if (op.equals("contact.get")) {
      String id = (String) request.arguments().get("id");
      String name = directory.get(id);
      if (name == null) {
        throw new RecordNotFoundException(systemId, op, "contact", id);
      }
      return RecordStream.of(List.of(record(id, name)));
    }
    String prefix = (String) request.arguments().getOrDefault("namePrefix", "");
    return RecordStream.of(directory.entrySet().stream()
        .filter(e -> e.getValue().startsWith(prefix))
        .map(e -> record(e.getKey(), e.getValue()))
        .toList());
  }

  private AdapterRecord record(String id, String name) {
    return new AdapterRecord(
        new SourceRef(systemId, "contact", Map.of("id", id), Optional.empty(), Instant.now()),
        Map.of("id", id, "name", name));
  }

  @Override
  public void close() {
    closed = true;
  }
}

package io.modelbridge.adapters.tck.guide;

import io.modelbridge.adapters.spi.AbstractSystemAdapter;
import io.modelbridge.adapters.spi.AdapterDescriptor;
import io.modelbridge.adapters.spi.AdapterRecord;
import io.modelbridge.adapters.spi.Effect;
import io.modelbridge.adapters.spi.EntitySchema;
import io.modelbridge.adapters.spi.FieldSchema;
import io.modelbridge.adapters.spi.FieldType;
import io.modelbridge.adapters.spi.OperationDescriptor;
import io.modelbridge.adapters.spi.OperationKind;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.RecordNotFoundException;
import io.modelbridge.adapters.spi.RecordStream;
import io.modelbridge.adapters.spi.SourceRef;
import io.modelbridge.adapters.spi.SpiVersion;
import io.modelbridge.adapters.spi.SystemKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The vendor guide's example adapter: a read-only contact directory. The base class binds and coerces the
 * arguments, refuses calls after close and closes open streams; this class only reads the directory.
 */
final class ContactsAdapter extends AbstractSystemAdapter {

  private static final EntitySchema CONTACT = new EntitySchema("contact",
      List.of(FieldSchema.required("id", FieldType.STRING),
          FieldSchema.required("name", FieldType.STRING).asPersonal().describedAs("full name")),
      List.of("id"), Optional.empty(), "a person in the directory");

  private final AdapterDescriptor descriptor;
  private final Map<String, String> directory;

  ContactsAdapter(String systemId, Map<String, String> directory) {
    this.directory = directory;
    this.descriptor = new AdapterDescriptor(SpiVersion.CURRENT, systemId, SystemKind.CRM, List.of(CONTACT), List.of(
        new OperationDescriptor("contact.get", "contact", OperationKind.GET, Effect.READ, false,
            List.of(FieldSchema.required("id", FieldType.STRING)), "reads one contact"),
        new OperationDescriptor("contact.query", "contact", OperationKind.QUERY, Effect.READ, false,
            List.of(FieldSchema.optional("namePrefix", FieldType.STRING)), "contacts whose name starts so")));
  }

  @Override
  public AdapterDescriptor descriptor() {
    return descriptor;
  }

  // The arguments are bound: required ones present, no unknown ones, each of its field's Java type.
  @Override
  protected RecordStream run(OperationDescriptor op, Map<String, Object> args, OperationRequest request) {
    if (op.name().equals("contact.get")) {
      String id = (String) args.get("id");
      String name = directory.get(id);
      if (name == null) {
        throw new RecordNotFoundException(systemId(), op.name(), "contact", id);
      }
      return RecordStream.of(List.of(record(id, name)));
    }
    String prefix = (String) args.getOrDefault("namePrefix", "");
    return stream(directory.entrySet().stream()
        .filter(e -> e.getValue().startsWith(prefix))
        .map(e -> record(e.getKey(), e.getValue()))
        .iterator(), () -> {});
  }

  private AdapterRecord record(String id, String name) {
    return new AdapterRecord(
        new SourceRef(systemId(), "contact", Map.of("id", id), Optional.empty(), Instant.now()),
        Map.of("id", id, "name", name));
  }
}

package io.modelbridge.adapters.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DescriptorTest {

  private static final EntitySchema ORDERS = new EntitySchema("orders",
      List.of(FieldSchema.required("id", FieldType.INTEGER), FieldSchema.optional("customer", FieldType.STRING).asPersonal(),
          FieldSchema.required("rev", FieldType.INTEGER)),
      List.of("id"), Optional.of("rev"), "customer orders");

  private static OperationDescriptor op(String name, String entity, OperationKind kind, Effect effect) {
    return new OperationDescriptor(name, entity, kind, effect, false, List.of(FieldSchema.required("id", FieldType.INTEGER)), "");
  }

  @Test
  void enumAndFormat_publishedInJsonSchema() {
    EntitySchema films = new EntitySchema("films", List.of(FieldSchema.required("id", FieldType.STRING).withFormat("uuid"),
        FieldSchema.optional("rating", FieldType.STRING).withAllowedValues(List.of("G", "PG-13", "NC\"17"))),
        List.of("id"), Optional.empty(), "");
    assertThat(films.jsonSchema())
        .contains("\"id\":{\"type\":\"string\",\"format\":\"uuid\"}")
        .contains("\"rating\":{\"type\":\"string\",\"enum\":[\"G\",\"PG-13\",\"NC\\\"17\"]}");
    assertThat(films.field("rating").orElseThrow().jsonFormat()).isEmpty();
    assertThatThrownBy(() -> FieldSchema.optional("n", FieldType.INTEGER).withAllowedValues(List.of("1")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only a STRING field");
  }

  @Test
  void validDescriptor_findsItsParts() {
    AdapterDescriptor d = new AdapterDescriptor(SpiVersion.CURRENT, "erp", SystemKind.ERP, List.of(ORDERS),
        List.of(op("orders.get", "orders", OperationKind.GET, Effect.READ)));
    assertThat(d.entity("orders")).contains(ORDERS);
    assertThat(d.operation("orders.get")).isPresent();
    assertThat(ORDERS.personalFields()).containsExactly("customer");
  }

  @Test
  void descriptor_rejectsInconsistencies_sayingWhat() {
    assertThatThrownBy(() -> new AdapterDescriptor(1, "erp", SystemKind.ERP, List.of(ORDERS, ORDERS), List.of()))
        .hasMessageContaining("declares entity 'orders' twice");
    assertThatThrownBy(() -> new AdapterDescriptor(1, "erp", SystemKind.ERP, List.of(ORDERS),
        List.of(op("a", "orders", OperationKind.GET, Effect.READ), op("a", "orders", OperationKind.GET, Effect.READ))))
        .hasMessageContaining("operation 'a' twice");
    assertThatThrownBy(() -> new AdapterDescriptor(1, "erp", SystemKind.ERP, List.of(ORDERS),
        List.of(op("invoices.get", "invoices", OperationKind.GET, Effect.READ))))
        .hasMessageContaining("names entity 'invoices', which is not declared");
    assertThatThrownBy(() -> new AdapterDescriptor(1, "erp system!", SystemKind.ERP, List.of(), List.of()))
        .hasMessageContaining("systemId 'erp system!'");
  }

  @Test
  void operation_effectMustMatchItsKind() {
    assertThatThrownBy(() -> op("orders.query", "orders", OperationKind.QUERY, Effect.WRITE))
        .hasMessageContaining("must have effect READ, not WRITE");
    assertThatThrownBy(() -> op("orders.create", "orders", OperationKind.CREATE, Effect.READ))
        .hasMessageContaining("cannot have effect READ");
    assertThatThrownBy(() -> op("orders get", "orders", OperationKind.GET, Effect.READ))
        .hasMessageContaining("operation name 'orders get'");
  }

  @Test
  void entity_keysAndVersionMustBeFields() {
    List<FieldSchema> fields = List.of(FieldSchema.required("id", FieldType.INTEGER));
    assertThatThrownBy(() -> new EntitySchema("e", fields, List.of(), Optional.empty(), ""))
        .hasMessageContaining("at least one key field");
    assertThatThrownBy(() -> new EntitySchema("e", fields, List.of("code"), Optional.empty(), ""))
        .hasMessageContaining("key field 'code' is not one of its fields");
    assertThatThrownBy(() -> new EntitySchema("e", fields, List.of("id"), Optional.of("etag"), ""))
        .hasMessageContaining("version field 'etag'");
    assertThatThrownBy(() -> new EntitySchema("e", List.of(fields.get(0), fields.get(0)), List.of("id"),
        Optional.empty(), "")).hasMessageContaining("declares field 'id' twice");
  }

  @Test
  void sourceRef_needsAKey_andKeepsItsOrder() {
    assertThatThrownBy(() -> new SourceRef("erp", "orders", Map.of(), Optional.empty(), Instant.now()))
        .hasMessageContaining("must not be empty");
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("order", 10248L);
    key.put("line", 2L);
    SourceRef s = new SourceRef("erp", "lines", key, Optional.of("7"), Instant.EPOCH);
    assertThat(s.keyString()).isEqualTo("10248|2");
    assertThat(s.locator()).isEqualTo("erp/lines/10248|2");
  }

  @Test
  void nullValues_areRejectedNamingTheField() {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("customer", null);
    assertThatThrownBy(() -> OperationRequest.of("orders.query", args))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("argument 'customer'");
    assertThatThrownBy(() -> new AdapterRecord(new SourceRef("erp", "orders", Map.of("id", 1L), Optional.empty(),
        Instant.EPOCH), args)).hasMessageContaining("field 'customer'");
  }

  @Test
  void exceptions_carryTheirCauseKind() {
    assertThat(new SystemUnavailableException("erp", "orders.get", "down", null).isRetryable()).isTrue();
    InputRejectedException in = new InputRejectedException("erp", "orders.create", "qty", "must be positive", null);
    assertThat(in.isRetryable()).isFalse();
    assertThat(in.field()).isEqualTo("qty");
    assertThat(in.getMessage()).isEqualTo("[erp/orders.create] input field 'qty' rejected: must be positive");
    VersionConflictException vc = new VersionConflictException("erp", "orders.update", "10248", "3", "4");
    assertThat(vc.getMessage()).contains("'3'").contains("'4'").contains("read it again");
    assertThat(new VersionConflictException("erp", "orders.update", "1", "3", null).currentVersion()).isEmpty();
  }

  @Test
  void recordStream_endsOnceClosed_andClosesOnce() {
    int[] closed = {0};
    AdapterRecord r = new AdapterRecord(new SourceRef("erp", "orders", Map.of("id", 1L), Optional.empty(),
        Instant.EPOCH), Map.of("id", 1L));
    RecordStream s = RecordStream.of(List.of(r, r).iterator(), () -> closed[0]++);
    assertThat(s.next()).isEqualTo(r);
    s.close();
    s.close();
    assertThat(s.hasNext()).isFalse();
    assertThat(closed[0]).isEqualTo(1);
    RecordStream list = RecordStream.of(List.of(r));
    list.close();
    assertThat(list.hasNext()).isFalse();
    assertThat(RecordStream.of(List.of(r, r)).toList()).hasSize(2);
  }
}

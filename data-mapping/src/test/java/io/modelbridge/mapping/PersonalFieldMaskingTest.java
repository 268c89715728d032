package io.modelbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelbridge.adapters.spi.EntitySchema;
import io.modelbridge.adapters.spi.FieldSchema;
import io.modelbridge.adapters.spi.FieldType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 11, confidentiality: personal values never appear in a violation, a rejection or its key. */
class PersonalFieldMaskingTest {

  private static final String CUSTOMER_SCHEMA = ValidationTest.CUSTOMER_SCHEMA;

  @Test
  void fieldPersonalOnlyThroughXPersonal_typeViolation_masksTheValue() {
    // contactName is personal only because the canonical schema says "x-personal": true
    Mapping m = Mapping.builder("crm", "customer").key("customerId").schema(CUSTOMER_SCHEMA)
        .field("customerId", f -> f.from("id"))
        .field("name", f -> f.from("name"))
        .field("contactName", f -> f.from("contact").type(ValueType.INTEGER))
        .build();
    Rejection r = ((MappingOutcome.Rejected) m.map(Map.of("id", "C1", "name", "Acme", "contact", "Jane Roe")))
        .rejection();
    assertThat(r.violations()).singleElement().satisfies(v -> {
      assertThat(v.path()).isEqualTo("contactName");
      assertThat(v.rule()).isEqualTo("type");
      assertThat(v.value()).isEqualTo("***");
    });
    assertThat(r.toString()).doesNotContain("Jane");
  }

  @Test
  void nestedXPersonalField_addressStreet_typeViolation_masksTheValue() {
    Mapping m = Mapping.builder("crm", "customer").key("customerId").schema(CUSTOMER_SCHEMA)
        .field("customerId", f -> f.from("id"))
        .field("name", f -> f.from("name"))
        .field("address.street", f -> f.from("street").type(ValueType.INTEGER))
        .build();
    Rejection r = ((MappingOutcome.Rejected) m.map(Map.of("id", "C1", "name", "Acme", "street", "1 rue de la Paix")))
        .rejection();
    assertThat(r.toString()).doesNotContain("Paix").contains("address.street");
  }

  @Test
  void emailUsedAsKey_isMaskedInTheRejectionsSourceKey() {
    Mapping m = Mapping.builder("crm", "customer").key("email").schema(CUSTOMER_SCHEMA)
        .field("email", f -> f.from("mail"))
        .field("customerId", f -> f.from("id"))
        .field("name", f -> f.from("name").required())
        .build();
    Rejection r = ((MappingOutcome.Rejected) m.map(Map.of("mail", "jane.doe@example.com", "id", "C1")))
        .rejection();
    assertThat(r.sourceKey()).doesNotContain("jane").doesNotContain("doe");
    assertThat(r.violations()).allSatisfy(v -> assertThat(v.sourceKey()).isEqualTo(r.sourceKey()));
    assertThat(r.toString()).doesNotContain("jane");
    // a delivered entity keeps its real key
    CanonicalEntity e = ((MappingOutcome.Delivered) m.map(Map.of("mail", "jane.doe@example.com", "id", "C1",
        "name", "Acme"))).entity();
    assertThat(e.key()).isEqualTo("jane.doe@example.com");
  }

  @Test
  void emailAsTheAdaptersKey_isMaskedInTheRejection() {
    Mapping m = Mapping.builder("crm", "customer").key("email").schema(CUSTOMER_SCHEMA)
        .field("email", f -> f.from("mail"))
        .field("customerId", f -> f.from("id"))
        .field("name", f -> f.from("name").required())
        .build();
    io.modelbridge.adapters.spi.SourceRef ref = new io.modelbridge.adapters.spi.SourceRef("crm", "customers",
        Map.of("mail", "jane.doe@example.com"), Optional.of("v1"), java.time.Instant.EPOCH);
    Rejection r = ((MappingOutcome.Rejected) m.map(new io.modelbridge.adapters.spi.AdapterRecord(ref,
        Map.of("mail", "jane.doe@example.com", "id", "C1")))).rejection();
    assertThat(r.sourceKey()).doesNotContain("jane");
    assertThat(r.toString()).doesNotContain("jane").contains("crm/customers");
  }

  @Test
  void adapterPersonalColumn_upperCaseOnH2_marksTheMappedFieldPersonal() {
    // H2 reports column names in upper case; a mapping names them as its author wrote them
    EntitySchema orders = new EntitySchema("ORDERS", List.of(
        FieldSchema.required("ID", FieldType.INTEGER),
        FieldSchema.optional("CUSTOMER_NAME", FieldType.STRING).asPersonal()), List.of("ID"), Optional.empty(), "");
    Mapping m = Mapping.builder("orders", "order").key("orderId")
        .field("orderId", f -> f.from("id"))
        .field("customer", f -> f.from("customer_name").type(ValueType.INTEGER))
        .build()
        .withSourcePersonalFields(orders);
    assertThat(m.personalFields()).containsExactly("customer");
    Rejection r = ((MappingOutcome.Rejected) m.map(Map.of("id", 1, "customer_name", "Jane Doe"))).rejection();
    assertThat(r.toString()).doesNotContain("Jane");
  }
}

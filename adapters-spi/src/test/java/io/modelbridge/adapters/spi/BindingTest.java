package io.modelbridge.adapters.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One binding of a call against an operation's input. */
class BindingTest {

  private static final OperationDescriptor CREATE = new OperationDescriptor("customers.create", "customers",
      OperationKind.CREATE, Effect.WRITE, true, List.of(
          FieldSchema.required("id", FieldType.INTEGER),
          FieldSchema.required("email", FieldType.STRING).asPersonal(),
          FieldSchema.optional("credit", FieldType.DECIMAL),
          FieldSchema.optional("since", FieldType.DATE)), "");

  @Test
  void bind_coercesEveryValue_inInputOrder() {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("since", "2024-02-29");
    args.put("credit", "10.50");
    args.put("email", "jane@example.com");
    args.put("id", "7");
    ArgumentBinding b = CREATE.bind(args);
    assertThat(b.valid()).isTrue();
    assertThat(b.arguments().keySet()).containsExactly("id", "email", "credit", "since");
    assertThat(b.arguments().get("id")).isEqualTo(7L);
    assertThat(b.arguments().get("credit")).isEqualTo(new java.math.BigDecimal("10.50"));
    assertThat(b.orElseThrow("crm")).isEqualTo(b.arguments());
  }

  @Test
  void bind_listsUnknownMissingAndInvalid_eachWithItsField_andNeverTheValue() {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("id", "seven");
    args.put("since", "jane@example.com");
    args.put("colour", "crimson");
    args.put("credit", null); // null counts as not given
    ArgumentBinding b = CREATE.bind(args);
    assertThat(b.problems()).extracting(ArgumentBinding.Problem::field, ArgumentBinding.Problem::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("colour", ArgumentBinding.Kind.UNKNOWN),
            org.assertj.core.groups.Tuple.tuple("id", ArgumentBinding.Kind.INVALID),
            org.assertj.core.groups.Tuple.tuple("email", ArgumentBinding.Kind.MISSING),
            org.assertj.core.groups.Tuple.tuple("since", ArgumentBinding.Kind.INVALID));
    assertThatThrownBy(() -> b.orElseThrow("crm")).isInstanceOfSatisfying(InputRejectedException.class, e -> {
      assertThat(e.field()).isEqualTo("colour");
      assertThat(e.problems()).isEqualTo(b.problems());
      assertThat(e.getMessage()).startsWith("[crm/customers.create] 4 input fields rejected: ")
          .contains("'email' is required").contains("'id' must be a whole number")
          .doesNotContain("jane").doesNotContain("seven").doesNotContain("crimson");
    });
  }

  @Test
  void oneProblem_keepsTheSingleFieldMessage() {
    InputRejectedException e = new InputRejectedException("crm", "op",
        List.of(new ArgumentBinding.Problem("id", ArgumentBinding.Kind.MISSING, "is required")));
    assertThat(e.getMessage()).isEqualTo("[crm/op] input field 'id' rejected: is required");
    assertThat(new InputRejectedException("crm", "op", "id", "is required", null).problems())
        .singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("id"));
    assertThatThrownBy(() -> new InputRejectedException("crm", "op", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anInventedHugeName_isShortenedInTheProblem() {
    ArgumentBinding b = CREATE.bind(Map.of("x".repeat(10_000), 1, "id", 1, "email", "a"));
    assertThat(b.problems()).singleElement().satisfies(p -> assertThat(p.field()).hasSize(67));
  }
}

package io.modelbridge.core.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GovernedToolsAdaptersTest {

  @Test
  void secondAdapter_failsAtBuildNamingIt_insteadOfSilentlyReplacingTheFirst() {
    InMemoryCustomerAdapter erp = new InMemoryCustomerAdapter();
    InMemoryCustomerAdapter crm = new InMemoryCustomerAdapter();
    String system = erp.descriptor().systemId();

    assertThatThrownBy(() -> GovernedTools.builder().adapter(erp).adapter(crm).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("called twice").hasMessageContaining("'" + system + "' then '" + system + "'")
        .hasMessageContaining("build one per adapter");
  }

  @Test
  void toBuilder_mayReplaceTheAdapter() {
    GovernedTools first = GovernedTools.builder().adapter(new InMemoryCustomerAdapter()).build();

    assertThat(first.toBuilder().adapter(new InMemoryCustomerAdapter()).build()).isNotNull();
  }
}

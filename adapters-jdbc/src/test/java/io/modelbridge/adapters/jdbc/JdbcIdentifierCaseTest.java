package io.modelbridge.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.AdapterRecord;
import io.modelbridge.adapters.spi.AdapterRegistry;
import io.modelbridge.adapters.spi.OperationDescriptor;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.SystemAdapter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 11: on plain H2 (upper-case identifiers) the tools were {@code erp_ORDERS_get} with
 * arguments {@code ID}, {@code STATUS}. Names are now exposed in lower case and mapped back to the database's
 * quoting; a name that lower case would merge with another keeps its own spelling.
 */
class JdbcIdentifierCaseTest {

  private static DataSource dataSource;

  @BeforeAll
  static void createUpperCaseSchema() throws SQLException {
    // plain H2: no DATABASE_TO_LOWER, unquoted names are stored in upper case
    dataSource = new UrlDataSource("jdbc:h2:mem:identifier_case;DB_CLOSE_DELAY=-1");
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE ORDERS (ID BIGINT PRIMARY KEY, STATUS VARCHAR(10) NOT NULL, \"Note\" VARCHAR(20), "
          + "\"note\" VARCHAR(20))");
      st.execute("INSERT INTO ORDERS VALUES (1, 'OPEN', 'a', 'b')");
    }
  }

  @Test
  void upperCaseIdentifiers_exposedInLowerCase_andMappedBackToTheDatabasesQuoting() {
    AdapterConfig config = AdapterConfig.builder("erp").object("dataSource", dataSource).set("tables", "orders")
        .set("personalColumns", "orders.status").build();
    try (SystemAdapter a = AdapterRegistry.discover().create("jdbc", config)) {
      assertThat(a.descriptor().operations()).extracting(OperationDescriptor::name)
          .contains("orders.get", "orders.update", "orders.query");
      assertThat(a.descriptor().entity("orders").orElseThrow().fields()).extracting(f -> f.name())
          .containsExactly("id", "status", "Note", "note");
      AdapterRecord r = a.execute(OperationRequest.of("orders.get", Map.of("id", 1L))).toList().get(0);
      assertThat(r.fields()).containsEntry("status", "OPEN").containsEntry("Note", "a").containsEntry("note", "b");
      AdapterRecord updated = a.execute(OperationRequest.of("orders.update", Map.of("id", 1L, "status", "SHIPPED"))
          .expecting(r.source().version().orElseThrow())).toList().get(0);
      assertThat(updated.fields()).containsEntry("status", "SHIPPED");
      assertThat(a.execute(OperationRequest.of("orders.query", Map.of("status", "SHIPPED"))).toList()).hasSize(1);
    }
  }
}

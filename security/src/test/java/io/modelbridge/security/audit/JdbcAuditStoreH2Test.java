package io.modelbridge.security.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The JDBC store on H2 (in memory), and its table-name check. */
class JdbcAuditStoreH2Test {

  @Test
  void appendsAndVerifies_thenSwappedRowsAreReordered() throws Exception {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:audit_h2;DB_CLOSE_DELAY=-1");
    try (AuditLog log = AuditLog.builder(AuditStore.jdbc(ds, "audit"), AuditTestLogs.HMAC).checkpointEvery(3)
        .withoutAnchors().build()) {
      for (int i = 0; i < 10; i++) {
        log.append(AuditTestLogs.event(i));
      }
    }
    assertThat(AuditVerifier.verify(AuditStore.jdbc(ds, "audit"), AuditTestLogs.HMAC).intact()).isTrue();
    try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
      st.executeUpdate("UPDATE audit SET pos = -pos WHERE pos IN (2, 5)");
      st.executeUpdate("UPDATE audit SET pos = 5 WHERE pos = -2");
      st.executeUpdate("UPDATE audit SET pos = 2 WHERE pos = -5");
    }
    var f = AuditVerifier.verify(AuditStore.jdbc(ds, "audit"), AuditTestLogs.HMAC).finding().orElseThrow();
    assertThat(f.kind()).isEqualTo(Tampering.REORDERED);
    assertThat(f.line()).isEqualTo(2);
  }

  @Test
  void tableNameMustBeAnIdentifier() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:audit_h2b;DB_CLOSE_DELAY=-1");
    assertThatThrownBy(() -> AuditStore.jdbc(ds, "audit; DROP TABLE x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("plain SQL identifier");
  }
}

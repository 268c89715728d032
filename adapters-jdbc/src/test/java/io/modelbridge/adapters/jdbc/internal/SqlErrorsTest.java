package io.modelbridge.adapters.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelbridge.adapters.spi.AdapterException;
import io.modelbridge.adapters.spi.InputRejectedException;
import io.modelbridge.adapters.spi.NotPermittedException;
import io.modelbridge.adapters.spi.SystemUnavailableException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SqlErrorsTest {

  @ParameterizedTest
  @CsvSource({
      "08001, SystemUnavailableException", "08006, SystemUnavailableException", "57P01, SystemUnavailableException",
      "53300, SystemUnavailableException", "40001, SystemUnavailableException", "40P01, SystemUnavailableException",
      "HYT00, SystemUnavailableException", "23505, InputRejectedException", "23503, InputRejectedException",
      "22001, InputRejectedException", "42P01, AdapterException", "42804, AdapterException", "42501, NotPermittedException",
      "28P01, NotPermittedException", "XX000, AdapterException"})
  void sqlState_mapsToTheTypedError(String state, String expected) {
    AdapterException e = SqlErrors.map("erp", "orders.get", new SQLException("boom", state, 7));
    assertThat(e.getClass().getSimpleName()).isEqualTo(expected);
    assertThat(e.getMessage()).contains(state).contains("erp/orders.get");
  }

  @Test
  void constraintErrors_doNotRepeatTheDatabaseMessage_whichQuotesRowValues() {
    AdapterException e = SqlErrors.map("erp", "customers.create",
        new SQLException("Unique index violation: VALUES ('Maria Anders')", "23505", 23505));
    assertThat(e).isInstanceOf(InputRejectedException.class);
    assertThat(e.getMessage()).doesNotContain("Maria").contains("constraint");
    assertThat(e.getCause()).isInstanceOf(SQLException.class);
    assertThat(e.getCause().getMessage()).doesNotContain("Maria");
    assertThat(((SQLException) e.getCause()).getSQLState()).isEqualTo("23505");
    assertThat(e.isRetryable()).isFalse();
  }

  @Test
  void statementError42xxx_isTheAdaptersDefect_keepsTheCause_andTellsTheModelNotToRetry() {
    SQLException cause = new SQLException("ERROR: column \"rating\" is of type mpaa_rating but expression is of "
        + "type character varying", "42804", 0);
    AdapterException e = SqlErrors.map("dvd", "film.create", cause);
    assertThat(e).isNotInstanceOf(InputRejectedException.class);
    assertThat(e.getCause()).isSameAs(cause);
    assertThat(e.isRetryable()).isFalse();
    assertThat(e.getMessage()).contains("42804").contains("mpaa_rating")
        .contains("not a problem of the arguments").doesNotContain("restart it to introspect");
  }

  @Test
  void connectionExceptions_areUnavailable_whateverTheirState() {
    assertThat(SqlErrors.map("erp", "x", new SQLNonTransientConnectionException("gone", (String) null)))
        .isInstanceOf(SystemUnavailableException.class);
    assertThat(SqlErrors.map("erp", "x", new SQLException("denied", "42501"))).isInstanceOf(NotPermittedException.class);
  }
}

package io.modelbridge.adapters.jdbc.internal;

import io.modelbridge.adapters.spi.AdapterException;
import io.modelbridge.adapters.spi.InputRejectedException;
import io.modelbridge.adapters.spi.NotPermittedException;
import io.modelbridge.adapters.spi.SystemUnavailableException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientException;

/**
 * Maps a {@link SQLException} to the SPI's typed errors by SQLState class.
 *
 * <p>The database's own message is not repeated when it can hold data values (constraint and data errors
 * quote the offending row), so that no personal data reaches messages or logs; the SQLState and vendor code
 * identify the failure.
 */
final class SqlErrors {

  private SqlErrors() {}

  static AdapterException map(String systemId, String operation, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String id = "SQLState " + (state.isEmpty() ? "?" : state) + ", vendor code " + e.getErrorCode();
    String cls = state.length() >= 2 ? state.substring(0, 2) : "";
    if (e instanceof SQLNonTransientConnectionException || e instanceof SQLRecoverableException
        || cls.equals("08") || cls.equals("53") || cls.equals("57") || cls.equals("HY") && state.startsWith("HYT")) {
      return new SystemUnavailableException(systemId, operation,
          "the database is unreachable or refused the connection (" + id + "): " + e.getMessage()
              + "; retry later or check the connection settings", e);
    }
    if (e instanceof SQLTimeoutException || cls.equals("40") || e instanceof SQLTransientException) {
      return new SystemUnavailableException(systemId, operation,
          "the database gave up on the statement (timeout, deadlock or serialization failure; " + id
              + "); retry", null);
    }
    if (state.equals("42501") || cls.equals("28")) {
      return new NotPermittedException(systemId, operation,
          "the database account lacks the rights for this operation (" + id + "); grant them or use another account",
          null);
    }
    if (cls.equals("23")) {
      return new InputRejectedException(systemId, operation, "-",
          "violates a constraint of the database (unique key, foreign key, not null or check; " + id + ")", null);
    }
    if (cls.equals("22")) {
      return new InputRejectedException(systemId, operation, "-",
          "a value does not fit its column (too long, out of range or malformed; " + id + ")", null);
    }
    if (cls.equals("42")) {
      return new InputRejectedException(systemId, operation, "-",
          "the database refused the statement (" + id + "); the schema may have changed since the adapter "
              + "started: restart it to introspect again", null);
    }
    return new AdapterException(systemId, operation, "the database failed (" + id + ", "
        + e.getClass().getSimpleName() + ")", false, null);
  }
}

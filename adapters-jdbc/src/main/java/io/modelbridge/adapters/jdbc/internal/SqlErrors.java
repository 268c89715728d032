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
 * identify the failure, and the cause is then a copy of the driver's exception with SQLState and vendor code
 * but without its message. Statement errors (SQLState class 42: a missing column, a type the statement does
 * not match) are the adapter's or the schema's defect, not the caller's: they are not
 * {@link InputRejectedException}s, they keep the driver's exception as cause, and their message tells the
 * model not to retry with other arguments.
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
              + "); retry", masked(e));
    }
    if (state.equals("42501") || cls.equals("28")) {
      return new NotPermittedException(systemId, operation,
          "the database account lacks the rights for this operation (" + id + "); grant them or use another account",
          masked(e));
    }
    if (cls.equals("23")) {
      return new InputRejectedException(systemId, operation, "-",
          "violates a constraint of the database (unique key, foreign key, not null or check; " + id + ")", masked(e));
    }
    if (cls.equals("22") || e instanceof java.sql.DataTruncation) {
      return new InputRejectedException(systemId, operation, "-",
          "a value does not fit its column (too long, out of range or malformed; " + id + ")", masked(e));
    }
    if (cls.equals("42")) {
      // Statement errors name identifiers and types, not row values: the driver's message may be shown.
      return new AdapterException(systemId, operation, "the database refused the statement the adapter built ("
          + id + ": " + firstLine(e.getMessage()) + "). The table differs from what the adapter read at start, "
          + "or a column type is not handled; this is not a problem of the arguments, so do not retry with other "
          + "arguments: tell the user the system's adapter needs attention (restart it after a schema change)",
          false, e);
    }
    return new AdapterException(systemId, operation, "the database failed (" + id + ", "
        + e.getClass().getSimpleName() + ")", false, masked(e));
  }

  /** The driver's exception without its message, which may quote row values; SQLState and code kept. */
  static SQLException masked(SQLException e) {
    SQLException m = new SQLException(e.getClass().getSimpleName() + " (message withheld: it may quote values)",
        e.getSQLState(), e.getErrorCode());
    m.setStackTrace(e.getStackTrace());
    return m;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no message";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}

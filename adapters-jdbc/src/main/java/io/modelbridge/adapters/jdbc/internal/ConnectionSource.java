package io.modelbridge.adapters.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;

/** Where the adapter gets its connections: the embedder's DataSource or the driver manager. */
@FunctionalInterface
public interface ConnectionSource {
  /** A new or pooled connection; the caller closes it. */
  Connection open() throws SQLException;
}

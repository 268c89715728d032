package io.modelbridge.adapters.jdbc.internal;

import io.modelbridge.adapters.spi.AdapterRecord;
import io.modelbridge.adapters.spi.OperationDescriptor;
import io.modelbridge.adapters.spi.OperationKind;
import io.modelbridge.adapters.spi.RecordStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.NoSuchElementException;

/**
 * Records read from a forward-only cursor, one row at a time: memory stays bounded by the fetch size
 * whatever the number of rows. Holds its connection until closed or exhausted.
 */
final class RowStream implements RecordStream {

  private final JdbcAdapter adapter;
  private final OperationDescriptor operation;
  private final Entity entity;
  private final Connection connection;
  private final PreparedStatement statement;
  private final ResultSet rs;
  private final Instant fetchedAt;
  private final boolean changeFeed;
  private final RowMap row;
  private boolean ready;
  private boolean closed;

  RowStream(JdbcAdapter adapter, OperationDescriptor operation, Entity entity, Connection connection,
      PreparedStatement statement, ResultSet rs, Instant fetchedAt) {
    this.adapter = adapter;
    this.operation = operation;
    this.entity = entity;
    this.connection = connection;
    this.statement = statement;
    this.rs = rs;
    this.fetchedAt = fetchedAt;
    this.changeFeed = operation.kind() == OperationKind.SUBSCRIBE;
    this.row = new RowMap(entity.columns().size());
  }

  @Override
  public boolean hasNext() {
    if (closed) {
      return false;
    }
    if (ready) {
      return true;
    }
    try {
      ready = rs.next();
    } catch (SQLException e) {
      close();
      throw SqlErrors.map(adapter.descriptor().systemId(), operation.name(), e);
    }
    if (!ready) {
      close();
    }
    return ready;
  }

  @Override
  public AdapterRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException("record stream of " + operation.name() + " is exhausted or closed");
    }
    ready = false;
    try {
      return changeFeed ? adapter.changeRecord(entity, rs, fetchedAt, row) : adapter.record(entity, rs, fetchedAt, row);
    } catch (SQLException e) {
      close();
      throw SqlErrors.map(adapter.descriptor().systemId(), operation.name(), e);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    ready = false;
    SQLException failure = null;
    try {
      rs.close();
    } catch (SQLException e) {
      failure = e;
    }
    try {
      statement.close();
    } catch (SQLException e) {
      failure = failure == null ? e : failure;
    }
    // Read only: ending the transaction releases the cursor; nothing to commit.
    JdbcAdapter.closeQuietly(null, connection, failure == null ? new SQLException("close") : failure);
    adapter.released(this);
  }
}

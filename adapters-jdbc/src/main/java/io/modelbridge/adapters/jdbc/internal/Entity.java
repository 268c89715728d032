package io.modelbridge.adapters.jdbc.internal;

import io.modelbridge.adapters.spi.EntitySchema;
import java.util.List;
import java.util.Optional;

/**
 * An entity backed by a table or by a configured query.
 *
 * @param name the entity name
 * @param from the quoted, qualified table name, or the configured query's SQL
 * @param table whether it is a table or view (filters, get) or a configured query
 * @param readOnly whether it offers no writes (a view, a materialized view, a configured query)
 * @param columns the exposed columns, in order
 * @param keys the key columns, in key order
 * @param version the integer version column, if configured
 * @param cursor the monotonically increasing column for the change feed, if configured
 * @param parameters for a configured query: its named parameters in order of appearance, typed
 * @param schema the SPI description
 */
record Entity(String name, String from, boolean table, boolean readOnly, List<Column> columns, List<Column> keys,
    Optional<Column> version, Optional<Column> cursor, List<NamedSql.Parameter> parameters, EntitySchema schema) {

  Optional<Column> column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }
}

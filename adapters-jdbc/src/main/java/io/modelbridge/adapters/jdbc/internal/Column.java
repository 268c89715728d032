package io.modelbridge.adapters.jdbc.internal;

import io.modelbridge.adapters.spi.FieldSchema;
import io.modelbridge.adapters.spi.FieldType;

/**
 * A column the adapter exposes.
 *
 * @param name as the database reports it
 * @param quoted the name quoted for SQL
 * @param sql how its values are read, bound and published
 * @param nullable whether it may hold NULL
 * @param hasDefault whether the database fills it when an INSERT leaves it out
 * @param personal whether it holds personal data (configured)
 */
record Column(String name, String quoted, SqlType sql, boolean nullable, boolean hasDefault, boolean personal) {

  /** Its {@link java.sql.Types} code (of the base type for a domain). */
  int sqlType() {
    return sql.jdbcType();
  }

  /** The field type it is exposed as. */
  FieldType type() {
    return sql.fieldType();
  }

  /** The SQL selecting it, in the form {@link SqlType#read} reads. */
  String select() {
    return sql.select(quoted);
  }

  /** Its field description, with its allowed values and format. */
  FieldSchema field(String fieldName, boolean required, String description) {
    String d = sql.note().isEmpty() ? description : description.isEmpty() ? sql.note()
        : description + "; " + sql.note();
    FieldSchema f = new FieldSchema(fieldName, type(), required, personal, d);
    if (!sql.allowedValues().isEmpty()) {
      f = f.withAllowedValues(sql.allowedValues());
    }
    if (sql.format().isPresent()) {
      f = f.withFormat(sql.format().get());
    }
    return f;
  }
}

package io.modelbridge.adapters.jdbc.internal;

import io.modelbridge.adapters.spi.FieldType;

/**
 * A column the adapter exposes.
 *
 * @param name as the database reports it
 * @param quoted the name quoted for SQL
 * @param sqlType its {@link java.sql.Types} code
 * @param type the field type it is exposed as
 * @param nullable whether it may hold NULL
 * @param hasDefault whether the database fills it when an INSERT leaves it out
 * @param personal whether it holds personal data (configured)
 */
record Column(String name, String quoted, int sqlType, FieldType type, boolean nullable, boolean hasDefault,
    boolean personal) {}

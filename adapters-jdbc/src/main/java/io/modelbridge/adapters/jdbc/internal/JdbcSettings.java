package io.modelbridge.adapters.jdbc.internal;

import io.modelbridge.adapters.spi.SystemKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The adapter's configuration, parsed and checked by the provider.
 *
 * @param systemId the system id
 * @param kind what kind of system the database is
 * @param connections where connections come from
 * @param schemas the schemas to introspect; empty for the connection's current schema
 * @param tables the tables and views to expose ({@code table} or {@code schema.table}); empty for every table
 *     of the schemas, and every view given a key
 * @param viewKeys view (or {@code schema.view}) to its key columns, in key order
 * @param versionColumns table to integer version column
 * @param changeColumns table to monotonically increasing column for the change feed
 * @param personalColumns {@code table.column} or {@code column} entries holding personal data
 * @param queries entity name to configured SQL with named parameters
 * @param writable whether create, update and delete are offered
 * @param fetchSize rows fetched per round trip while streaming
 * @param queryTimeout statement timeout
 */
public record JdbcSettings(String systemId, SystemKind kind, ConnectionSource connections, List<String> schemas,
    List<String> tables, Map<String, List<String>> viewKeys, Map<String, String> versionColumns, Map<String, String> changeColumns,
    List<String> personalColumns, Map<String, String> queries, boolean writable, int fetchSize,
    Duration queryTimeout) {}

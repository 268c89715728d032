/**
 * The JDBC reference adapter: {@link io.modelbridge.adapters.jdbc.JdbcAdapterProvider}, type {@code jdbc}.
 * Nothing here accepts or returns {@code null}.
 */
package io.modelbridge.adapters.jdbc;

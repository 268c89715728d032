/**
 * The one JSON configuration of ModelBridge's data path.
 *
 * <p>Every module that reads or writes business data as JSON (adapters, mapping, pseudonymization, the
 * pipeline, the CLI) uses {@link io.modelbridge.json.DataJson}, so a value read from a system reaches the
 * model and comes back with the same digits: floating numbers are {@link java.math.BigDecimal}, written
 * plainly with their scale, never a {@code double}. A build test fails if a module makes its own mapper.
 * Nothing in this package accepts or returns {@code null} unless it says so.
 */
package io.modelbridge.json;

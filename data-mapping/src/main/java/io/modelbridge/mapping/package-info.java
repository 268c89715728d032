/**
 * Declarative mapping of system records to canonical entities, validation (JSON Schema and the rule
 * language), and loss-free batch/stream processing with dead letters and replay. Start with
 * {@link io.modelbridge.mapping.Mapping}; see {@code docs/data-mapping.md}.
 *
 * <p>Nothing in this package accepts or returns {@code null} unless it says so; absent values are
 * {@link java.util.Optional}.
 */
package io.modelbridge.mapping;

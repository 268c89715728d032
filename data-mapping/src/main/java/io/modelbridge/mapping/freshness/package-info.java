/**
 * Freshness and conflicts: {@link io.modelbridge.mapping.freshness.WriteBackGuard} refuses write-backs based
 * on a stale version; {@link io.modelbridge.mapping.freshness.MaxAge} and
 * {@link io.modelbridge.mapping.freshness.MaxAgeHook} refuse stale data for the model. Nothing here accepts
 * or returns {@code null} unless it says so.
 */
package io.modelbridge.mapping.freshness;

/**
 * Reconciliation of one canonical entity across two systems by key, in bounded memory:
 * {@link io.modelbridge.mapping.reconcile.Reconciler}. Nothing here accepts or returns {@code null}.
 */
package io.modelbridge.mapping.reconcile;

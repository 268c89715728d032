/**
 * The business scenarios of {@code modelbridge demo} ({@link io.modelbridge.cli.demo.BusinessDemo}): a
 * retail recommendation from live context and in-stock products, and an order-desk correction with
 * reconciliation, approval and a guarded write-back, over embedded legacy systems (Northwind in H2 as the
 * ERP, a CSV export as the CRM, a catalogue CSV), printed stage by stage and audited. See
 * {@code docs/demo.md}. Everything but {@code BusinessDemo} is package-private.
 */
package io.modelbridge.cli.demo;

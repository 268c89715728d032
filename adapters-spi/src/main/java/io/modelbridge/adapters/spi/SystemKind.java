package io.modelbridge.adapters.spi;

/** What kind of business system an adapter docks. Callers must tolerate constants added later. */
public enum SystemKind {
  /** Enterprise resource planning: orders, stock, suppliers. */
  ERP,
  /** Customer relationship management: customers, contacts, tickets. */
  CRM,
  /** Finance and accounting: invoices, payments, ledgers. */
  FINANCE,
  /** Order management and e-commerce. */
  ORDER,
  /** Batch exports and file drops (mainframe, EDI). */
  FILE,
  /** Anything else. */
  OTHER
}

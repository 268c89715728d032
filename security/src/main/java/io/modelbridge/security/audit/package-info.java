/**
 * Tamper-evident audit log: {@link io.modelbridge.security.audit.AuditLog} (hash chain, signed checkpoints,
 * group commit), {@link io.modelbridge.security.audit.AuditStore} (file, JDBC), {@link
 * io.modelbridge.security.audit.AnchorStore} (the signed checkpoints kept in a second place, so that a cut
 * log is detected), {@link io.modelbridge.security.audit.AuditVerifier} and the {@link
 * io.modelbridge.security.audit.AuditHook} for the gateway's hook chain.
 */
package io.modelbridge.security.audit;

/** Implementation of the audit log: entry encoding, stores, the writer thread; not API. */
package io.modelbridge.security.audit.internal;

/** Implementation of the PII recognizers, vault and token codec; not API. */
package io.modelbridge.security.pii.internal;

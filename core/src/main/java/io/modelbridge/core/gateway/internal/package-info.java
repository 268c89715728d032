/** Implementation of the gateway; not API, may change in any release. */
package io.modelbridge.core.gateway.internal;

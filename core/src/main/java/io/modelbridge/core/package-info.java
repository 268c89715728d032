/**
 * ModelBridge core: the {@link io.modelbridge.core.CallContext} carried through every call and the root
 * exception type. The gateway lives in {@code io.modelbridge.core.gateway}, the hook chain in
 * {@code io.modelbridge.core.hook}. Nothing in this module's API accepts or returns {@code null} unless it
 * says so.
 */
package io.modelbridge.core;

/**
 * Tool access policy: declarative rules ({@link io.modelbridge.security.policy.PolicyRule}) per tenant,
 * principal, system, operation, effect and data classification, evaluated outside the model by {@link
 * io.modelbridge.security.policy.ToolAccessPolicy}, which implements core's {@code ToolPolicy}. Writes are
 * denied unless a rule allows them.
 */
package io.modelbridge.security.policy;

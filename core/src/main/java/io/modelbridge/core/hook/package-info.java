/**
 * The ordered hook chain that every model call and tool call passes through. Later modules plug in here:
 * pseudonymization rewrites requests and restores answers, the audit log records every step, policies
 * refuse what they must.
 *
 * <p>Ordering: {@code before*} methods run in registration order; {@code after*} and {@code onError} run
 * in reverse order, so the chain nests like interceptors (a hook that pseudonymizes first restores last,
 * and an audit hook registered after it sees only pseudonymized text on both sides).
 *
 * <p>Failure rule: a {@code before*} hook that throws refuses the call (fail closed: a broken
 * pseudonymizer must never let clear data out); an {@code after*} or {@code onError} hook that throws is
 * isolated and logged, and the call goes on with the value it had.
 */
package io.modelbridge.core.hook;

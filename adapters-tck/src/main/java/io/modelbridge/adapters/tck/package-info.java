/**
 * The conformance kit for adapter plugins: add {@code modelbridge-adapters-tck} to a plugin's build in test
 * scope, implement a {@link io.modelbridge.adapters.tck.TestSystem} for a disposable instance of the
 * system, and extend {@link io.modelbridge.adapters.tck.AdapterConformanceTest} (or call
 * {@link io.modelbridge.adapters.tck.ConformanceKit} directly). Nothing here accepts or returns
 * {@code null}.
 */
package io.modelbridge.adapters.tck;

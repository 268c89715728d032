/** The built-in offline model: deterministic answers from the context in the request, without a network. */
package io.modelbridge.core.offline;

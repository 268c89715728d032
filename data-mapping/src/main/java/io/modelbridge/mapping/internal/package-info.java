/**
 * Implementation of the mapping module: path access, the expression parser and evaluator, coercions, the
 * compiled plan, the spec reader and the external sort. Not API: may change in any release.
 */
package io.modelbridge.mapping.internal;

/**
 * The HTTP/JSON reference adapter: docks a REST system (SaaS CRM, order service) whose operations are
 * declared by configuration.
 *
 * <p>Provider type {@code http} ({@link io.modelbridge.adapters.http.HttpAdapterProvider}). The operations
 * come from an {@link io.modelbridge.adapters.http.HttpApiSpec}, written as a JSON or YAML document or built
 * in Java. Nothing in this package accepts or returns {@code null} unless it says so.
 */
package io.modelbridge.adapters.http;

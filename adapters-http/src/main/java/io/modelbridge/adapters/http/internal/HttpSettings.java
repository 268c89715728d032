package io.modelbridge.adapters.http.internal;

import io.modelbridge.adapters.http.HttpApiSpec;
import io.modelbridge.adapters.http.SecretProvider;
import io.modelbridge.adapters.spi.SystemKind;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything an {@link HttpSystemAdapter} needs, read and checked from the configuration.
 *
 * @param systemId the system id
 * @param baseUri the base URL, without trailing slash
 * @param kind the system kind
 * @param spec the API declaration
 * @param secrets where the auth header's secret comes from, if the API needs one
 * @param secretName the name of the secret to ask for
 * @param authHeader the header that carries it
 * @param authScheme the text before it, for example {@code "Bearer "}
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for a response
 * @param maxAttempts attempts per request, including the first
 * @param retryDelay delay before the first retry (doubles up to {@code maxDelay})
 * @param maxDelay the longest delay between attempts; a longer Retry-After ends the retries
 * @param healthPath the path the health check reads, if any
 */
public record HttpSettings(
    String systemId,
    URI baseUri,
    SystemKind kind,
    HttpApiSpec spec,
    Optional<SecretProvider> secrets,
    String secretName,
    String authHeader,
    String authScheme,
    Duration connectTimeout,
    Duration requestTimeout,
    int maxAttempts,
    Duration retryDelay,
    Duration maxDelay,
    Optional<String> healthPath) {}

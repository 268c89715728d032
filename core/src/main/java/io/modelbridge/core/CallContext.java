package io.modelbridge.core;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Who is calling and why: carried through every model call and tool call so that budgets, caches, policies,
 * pseudonymization vaults and the audit log all see the same identity.
 *
 * <p>A context is bound to the current thread with {@link #call(Supplier)} or {@link #run(Runnable)}; code
 * that calls a {@code ModelGateway} through the plain LangChain4j {@code ChatModel} interface picks it up
 * from there. Calls made with no bound context use {@link #anonymous()}.
 *
 * @param tenant the tenant (customer organisation) the call is made for; isolates caches and budgets
 * @param principal the user or service on whose behalf the call is made; drives tool policy
 * @param purpose why the call is made (for example {@code "order-desk"}); recorded in the audit log
 * @param correlationId ties together everything one business request causes
 * @param conversationId scope of the pseudonymization vault: the same value gets the same token within it
 * @param attributes further labels for hooks (never personal data); unmodifiable
 */
public record CallContext(
    String tenant,
    String principal,
    String purpose,
    String correlationId,
    String conversationId,
    Map<String, String> attributes) {

  private static final ThreadLocal<CallContext> CURRENT = new ThreadLocal<>();

  /** Validates every component; see the record description. */
  public CallContext {
    tenant = requireText(tenant, "tenant");
    principal = requireText(principal, "principal");
    purpose = requireText(purpose, "purpose");
    correlationId = requireText(correlationId, "correlationId");
    conversationId = requireText(conversationId, "conversationId");
    attributes = Map.copyOf(Objects.requireNonNull(attributes, "attributes cannot be null"));
  }

  /**
   * A context with a fresh random correlation id, used also as the conversation id.
   *
   * @throws IllegalArgumentException if any argument is blank
   */
  public static CallContext of(String tenant, String principal, String purpose) {
    String id = UUID.randomUUID().toString();
    return new CallContext(tenant, principal, purpose, id, id, Map.of());
  }

  /** The context used when none is bound: tenant {@code default}, principal {@code anonymous}. */
  public static CallContext anonymous() {
    return of("default", "anonymous", "unspecified");
  }

  /** The context bound to the current thread, if any. */
  public static Optional<CallContext> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  /** The bound context, or a fresh {@link #anonymous()} one. */
  public static CallContext currentOrAnonymous() {
    CallContext bound = CURRENT.get();
    return bound != null ? bound : anonymous();
  }

  /** Runs {@code work} with this context bound to the current thread, restoring the previous binding. */
  public <T> T call(Supplier<T> work) {
    Objects.requireNonNull(work, "work cannot be null");
    CallContext previous = CURRENT.get();
    CURRENT.set(this);
    try {
      return work.get();
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }

  /** Runs {@code work} with this context bound to the current thread, restoring the previous binding. */
  public void run(Runnable work) {
    Objects.requireNonNull(work, "work cannot be null");
    call(() -> {
      work.run();
      return null;
    });
  }

  /** A copy continuing the same conversation under a new correlation id (one business request). */
  public CallContext nextRequest() {
    return new CallContext(
        tenant, principal, purpose, UUID.randomUUID().toString(), conversationId, attributes);
  }

  /** A copy with one more attribute. */
  public CallContext withAttribute(String key, String value) {
    requireText(key, "attribute key");
    Objects.requireNonNull(value, "attribute value cannot be null");
    var copy = new java.util.HashMap<>(attributes);
    copy.put(key, value);
    return new CallContext(tenant, principal, purpose, correlationId, conversationId, copy);
  }

  private static String requireText(String value, String name) {
    Objects.requireNonNull(value, () -> name + " cannot be null");
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }
}

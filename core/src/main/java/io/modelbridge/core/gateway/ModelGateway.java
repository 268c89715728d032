package io.modelbridge.core.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.failsafe.Bulkhead;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.Policy;
import dev.failsafe.RateLimiter;
import dev.failsafe.RetryPolicy;
import dev.failsafe.Timeout;
import dev.failsafe.TimeoutExceededException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.TokenUsage;
import io.modelbridge.core.CallContext;
import io.modelbridge.core.ModelBridgeException;
import io.modelbridge.core.gateway.internal.FailureClassifier;
import io.modelbridge.core.gateway.internal.GatewayHttpClient;
import io.modelbridge.core.gateway.internal.MetricsRecorder;
import io.modelbridge.core.gateway.internal.Provider;
import io.modelbridge.core.gateway.internal.RequestKeys;
import io.modelbridge.core.gateway.internal.TokenBudgets;
import io.modelbridge.core.hook.CallHook;
import io.modelbridge.core.hook.CallRefusedException;
import io.modelbridge.core.hook.HookChain;
import io.modelbridge.core.hook.ModelAnswer;
import io.modelbridge.core.hook.ModelCall;
import io.modelbridge.core.offline.OfflineChatModel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model gateway: a LangChain4j {@link ChatModel} that a business application calls instead of a
 * provider. Every call runs, top to bottom in {@link #call(CallContext, ChatRequest)}:
 *
 * <ol>
 *   <li>the hooks' {@code beforeRequest} (may rewrite or refuse);
 *   <li>the response cache, for deterministic requests only (temperature 0, or the context attribute
 *       {@link #DETERMINISTIC_ATTRIBUTE} set to {@code true}); keys isolate tenants;
 *   <li>the tenant's token budget: an estimate is reserved before the call and settled to the reported usage;
 *   <li>the providers in order, each behind its own retry (exponential backoff with jitter, only for
 *       retryable failures, honouring {@code Retry-After}), circuit breaker, bulkhead and per-attempt
 *       timeout; a provider that gives up hands over to the next one;
 *   <li>the degraded responder (by default the {@link OfflineChatModel}) when every provider failed;
 *   <li>the hooks' {@code afterResponse}, or {@code onError} with the typed failure.
 * </ol>
 *
 * <p>Who calls is taken from the {@link CallContext} bound to the thread ({@code ctx.call(() -> ...)}), from
 * a view made by {@link #withContext(CallContext)}, or is {@link CallContext#anonymous()}. Thread-safe;
 * build one per application and share it.
 *
 * <pre>{@code
 * ModelGateway gateway = ModelGateway.builder()
 *     .openAiCompatible("local-vllm", "http://127.0.0.1:8000/v1", "none", "qwen2.5-7b")
 *     .timeout(Duration.ofSeconds(20))
 *     .tokenBudget(200_000, Duration.ofHours(1))
 *     .build();
 * String answer = CallContext.of("acme", "clerk-7", "order-desk").call(() -> gateway.chat("Summarise ..."));
 * }</pre>
 */
public final class ModelGateway implements ChatModel {

  /** Context attribute that marks a request deterministic (cacheable) whatever its temperature. */
  public static final String DETERMINISTIC_ATTRIBUTE = "modelbridge.deterministic";

  private static final Logger LOG = LoggerFactory.getLogger(ModelGateway.class);

  private final List<Provider> providers;
  private final Optional<ChatModel> degraded;
  private final String degradedName;
  private final HookChain hooks;
  private final Cache<RequestKeys.Key, ChatResponse> cache;
  private final TokenBudgets budgets;
  private final long outputReserve;
  private final String modelId;
  private final MetricsRecorder metrics = new MetricsRecorder();
  private final Builder config;

  private ModelGateway(Builder b) {
    this.config = b.copy();
    if (b.providers.isEmpty() && b.degraded == null) {
      throw new IllegalStateException(
          "no provider and no degraded responder configured: add a provider (for example "
              + "modelbridge.providers[0].type=offline) or keep the default degraded responder");
    }
    List<Provider> built = new ArrayList<>();
    for (ProviderSpec spec : b.providers) {
      built.add(resilient(spec.name, spec.factory.apply(b.timeout), spec.ownTimeout, b));
    }
    this.providers = List.copyOf(built);
    this.degraded = Optional.ofNullable(b.degraded);
    this.degradedName = b.degradedName;
    this.hooks = HookChain.of(b.hooks);
    this.cache = b.cacheEnabled
        // Eviction and expiry work runs on the calling thread: a hand-off to the common pool per write costs
        // a thread wake-up, which is more than the work itself.
        ? Caffeine.newBuilder().expireAfterWrite(b.cacheTtl).maximumSize(b.cacheMaxSize).executor(Runnable::run).build()
        : null;
    this.budgets = new TokenBudgets(b.budgetTokens, b.tenantBudgets, b.budgetWindow, b.clock);
    this.outputReserve = b.outputReserve;
    StringBuilder id = new StringBuilder();
    for (Provider p : providers) {
      id.append(p.name()).append('=').append(defaultModelName(p.model())).append(';');
    }
    this.modelId = id.toString();
  }

  /** A builder with the defaults documented on each of its methods. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A gateway configured from a {@code .properties} or {@code .yaml}/{@code .yml} file; see
   * {@code docs/configuration.md} for the keys.
   *
   * @throws GatewayConfigException if the file cannot be read or a key is unknown or invalid (names the key)
   */
  public static ModelGateway fromConfig(Path file) {
    return GatewayConfig.read(file).build();
  }

  /**
   * A gateway configured from properties with the keys of {@code docs/configuration.md}.
   *
   * @throws GatewayConfigException if a key is unknown or invalid (names the key)
   */
  public static ModelGateway fromConfig(Properties properties) {
    return GatewayConfig.builderFrom(properties).build();
  }

  /** A builder with this gateway's configuration, to derive a changed gateway. */
  public Builder toBuilder() {
    return config.copy();
  }

  /** A {@link ChatModel} view of this gateway that makes every call with {@code context}. */
  public ChatModel withContext(CallContext context) {
    Objects.requireNonNull(context, "context cannot be null");
    ModelGateway gateway = this;
    return new ChatModel() {
      @Override
      public ChatResponse doChat(ChatRequest request) {
        return gateway.marked(gateway.call(context, request));
      }
    };
  }

  /**
   * Makes the call with the thread's bound {@link CallContext} (or an anonymous one); see the class doc. A
   * degraded answer carries {@link DegradedResponseMetadata} ({@link #isDegraded(ChatResponse)}).
   */
  @Override
  public ChatResponse doChat(ChatRequest request) {
    return marked(call(CallContext.currentOrAnonymous(), request));
  }

  /**
   * Whether {@code response} is a degraded answer: given by the degraded responder after every provider
   * failed, as returned through the {@code ChatModel} interface of a gateway. Such an answer should not
   * drive writes without a person's say (the pipeline refuses them unless the domain pack allows them).
   */
  public static boolean isDegraded(ChatResponse response) {
    Objects.requireNonNull(response, "response cannot be null");
    return response.metadata() instanceof DegradedResponseMetadata;
  }

  private ChatResponse marked(ModelAnswer answer) {
    return answer.degraded() ? DegradedResponseMetadata.mark(answer.response(), answer.provider()) : answer.response();
  }

  /**
   * Makes one call and tells where the answer came from.
   *
   * @return the answer after every hook, with provider, cached, degraded, attempts and latency
   * @throws CallRefusedException if a hook refused the call
   * @throws BudgetExceededException if the tenant's token budget for the window is spent
   * @throws AllProvidersFailedException if every provider failed and no degraded responder is configured
   */
  public ModelAnswer call(CallContext context, ChatRequest request) {
    Objects.requireNonNull(context, "context cannot be null");
    Objects.requireNonNull(request, "request cannot be null");
    long start = System.nanoTime();
    metrics.call();
    ModelCall call = new ModelCall(context, request);
    try {
      call = hooks.beforeRequest(call);
    } catch (CallRefusedException e) {
      metrics.refusedByHook();
      return fail(call, e, start);
    }
    ChatRequest req = call.request();
    RequestKeys.Key key = null;
    if (cache != null && deterministic(call)) {
      key = RequestKeys.key(context.tenant(), modelId, req);
      ChatResponse hit = cache.getIfPresent(key);
      if (hit != null) {
        metrics.cacheHit();
        return finish(call, new ModelAnswer(hit, "cache", true, false, 0, elapsed(start)), start);
      }
      metrics.cacheMiss();
    }
    TokenBudgets.Reservation reservation = null;
    if (budgets.active()) {
      long estimate = RequestKeys.estimateInputTokens(req)
          + (req.maxOutputTokens() != null ? req.maxOutputTokens() : outputReserve);
      try {
        reservation = budgets.reserve(context.tenant(), estimate);
      } catch (BudgetExceededException e) {
        metrics.budgetRefusal();
        return fail(call, e, start);
      }
    }
    int attempts = 0;
    List<ProviderException> failures = new ArrayList<>();
    for (Provider provider : providers) {
      int[] tries = {0};
      ChatRequest sent = req;
      try {
        ChatResponse response = provider.executor().get(ctx -> {
          tries[0]++;
          metrics.attempt();
          try {
            return provider.model().chat(sent);
          } catch (RuntimeException e) {
            throw FailureClassifier.classify(provider.name(), tries[0], e);
          }
        });
        attempts += tries[0];
        budgets.settle(reservation, usedTokens(req, response));
        if (key != null) {
          cache.put(key, response);
        }
        return finish(call, new ModelAnswer(response, provider.name(), false, false, attempts, elapsed(start)), start);
      } catch (RuntimeException e) {
        attempts += tries[0];
        ProviderException failure = FailureClassifier.classify(provider.name(), tries[0], unwrap(e));
        if (!failure.isRetryable()) {
          // Retryable failures were counted per attempt by the retry policy.
          metrics.failure(failure.reason());
        }
        failures.add(failure);
        if (providers.indexOf(provider) + 1 < providers.size() || degraded.isPresent()) {
          metrics.fallback();
        }
        LOG.info("gateway.provider.failed tenant={} provider={} attempts={} reason={} status={} next={}",
            context.tenant(), provider.name(), tries[0], failure.reason(),
            failure.statusCode().map(String::valueOf).orElse("-"), nextName(provider));
      }
    }
    if (degraded.isPresent()) {
      try {
        ChatResponse response = degraded.get().chat(req);
        metrics.degraded();
        budgets.settle(reservation, usedTokens(req, response));
        return finish(call, new ModelAnswer(response, degradedName, false, true, attempts, elapsed(start)), start);
      } catch (RuntimeException e) {
        failures.add(FailureClassifier.classify(degradedName, 1, e));
      }
    }
    budgets.settle(reservation, 0);
    return fail(call, new AllProvidersFailedException(failures), start);
  }

  /** Counters and latencies since the gateway was built. */
  public GatewayMetrics metrics() {
    return metrics.snapshot();
  }

  /** The providers' names, in the order they are tried (without the degraded responder). */
  public List<String> providerNames() {
    List<String> names = new ArrayList<>();
    providers.forEach(p -> names.add(p.name()));
    return List.copyOf(names);
  }

  /** Tokens spent or reserved by {@code tenant} in the current budget window (0 when no budget applies). */
  public long tokensSpent(String tenant) {
    return budgets.spent(tenant);
  }

  private ModelAnswer finish(ModelCall call, ModelAnswer answer, long start) {
    ModelAnswer result = hooks.afterResponse(call, answer);
    long nanos = System.nanoTime() - start;
    metrics.latency(nanos);
    if (LOG.isDebugEnabled()) {
      LOG.debug("gateway.call tenant={} correlationId={} provider={} attempts={} cached={} degraded={} latencyMicros={}",
          call.context().tenant(), call.context().correlationId(), answer.provider(), answer.attempts(),
          answer.cached(), answer.degraded(), nanos / 1000);
    }
    return result;
  }

  private ModelAnswer fail(ModelCall call, ModelBridgeException error, long start) {
    metrics.failedCall();
    metrics.latency(System.nanoTime() - start);
    hooks.onError(call, error);
    LOG.warn("gateway.call.failed tenant={} correlationId={} error={}",
        call.context().tenant(), call.context().correlationId(), error.getClass().getSimpleName());
    throw error;
  }

  private boolean deterministic(ModelCall call) {
    Double t = call.request().temperature();
    return (t != null && t == 0.0)
        || "true".equalsIgnoreCase(call.context().attributes().get(DETERMINISTIC_ATTRIBUTE));
  }

  private String nextName(Provider current) {
    int i = providers.indexOf(current);
    if (i + 1 < providers.size()) {
      return providers.get(i + 1).name();
    }
    return degraded.isPresent() ? degradedName : "none";
  }

  private static long usedTokens(ChatRequest request, ChatResponse response) {
    TokenUsage usage = response.tokenUsage();
    if (usage != null && usage.totalTokenCount() != null) {
      return usage.totalTokenCount();
    }
    String text = response.aiMessage() != null && response.aiMessage().text() != null ? response.aiMessage().text() : "";
    return RequestKeys.estimateInputTokens(request) + RequestKeys.estimateTokens(text.length());
  }

  private static Throwable unwrap(RuntimeException e) {
    return e instanceof FailsafeException && e.getCause() != null ? e.getCause() : e;
  }

  private static Duration elapsed(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static String defaultModelName(ChatModel model) {
    try {
      var params = model.defaultRequestParameters();
      return params != null && params.modelName() != null ? params.modelName() : model.getClass().getSimpleName();
    } catch (RuntimeException e) {
      return model.getClass().getSimpleName();
    }
  }

  private Provider resilient(String name, ChatModel model, boolean ownTimeout, Builder b) {
    MetricsRecorder m = metrics;
    RetryPolicy<ChatResponse> retry = RetryPolicy.<ChatResponse>builder()
        .handleIf(ModelGateway::retryable)
        .withMaxRetries(b.maxRetries)
        .withDelayFn(ctx -> delay(ctx.getLastException(), ctx.getAttemptCount(), b))
        .onFailedAttempt(e -> m.failure(FailureClassifier.classify(name, e.getAttemptCount(), e.getLastException()).reason()))
        .onRetry(e -> m.retry())
        .build();
    CircuitBreaker<ChatResponse> breaker = CircuitBreaker.<ChatResponse>builder()
        .handleIf(ModelGateway::retryable)
        .withFailureThreshold(b.breakerFailureThreshold)
        .withDelay(b.breakerDelay)
        .withSuccessThreshold(1)
        .onOpen(e -> LOG.warn("gateway.breaker.open provider={}", name))
        .onHalfOpen(e -> LOG.info("gateway.breaker.half-open provider={}", name))
        .onClose(e -> LOG.info("gateway.breaker.closed provider={}", name))
        .build();
    Bulkhead<ChatResponse> bulkhead = Bulkhead.<ChatResponse>builder(b.bulkheadMaxConcurrent)
        .withMaxWaitTime(b.bulkheadMaxWait)
        .build();
    // Outermost first: each retry passes the breaker, takes a rate-limit permit and a bulkhead slot, and
    // runs under its own timeout.
    List<Policy<ChatResponse>> policies = new ArrayList<>(List.of(retry, breaker));
    if (b.rateLimitCalls > 0) {
      policies.add(RateLimiter.<ChatResponse>smoothBuilder(b.rateLimitCalls, b.rateLimitPeriod)
          .withMaxWaitTime(b.rateLimitMaxWait).build());
    }
    policies.add(bulkhead);
    if (!ownTimeout) {
      policies.add(Timeout.<ChatResponse>builder(b.timeout).withInterrupt().build());
    }
    return new Provider(name, model, Failsafe.with(policies), breaker, bulkhead);
  }

  private static boolean retryable(Throwable e) {
    return e instanceof TimeoutExceededException
        || (e instanceof ProviderException && ((ProviderException) e).isRetryable());
  }

  private static Duration delay(Throwable last, int attemptCount, Builder b) {
    if (last instanceof ProviderException) {
      Optional<Duration> hint = ((ProviderException) last).retryAfter();
      if (hint.isPresent()) {
        Duration d = hint.get();
        return d.compareTo(b.maxRetryAfter) > 0 ? b.maxRetryAfter : d;
      }
    }
    // Exponential backoff: initial * 2^(n-1), capped, then +/- jitter so that callers do not retry in step.
    double base = Math.min(
        b.backoffInitial.toNanos() * Math.pow(2, Math.max(0, attemptCount - 1)), b.backoffMax.toNanos());
    double jitter = base * b.jitter * (ThreadLocalRandom.current().nextDouble() * 2 - 1);
    return Duration.ofNanos((long) Math.max(0, base + jitter));
  }

  private static final class ProviderSpec {
    final String name;
    final Function<Duration, ChatModel> factory;
    final boolean ownTimeout;

    ProviderSpec(String name, Function<Duration, ChatModel> factory, boolean ownTimeout) {
      this.name = name;
      this.factory = factory;
      this.ownTimeout = ownTimeout;
    }
  }

  /**
   * Configures a {@link ModelGateway}. Every method validates eagerly: {@code NullPointerException} for a
   * null argument, {@code IllegalArgumentException} naming the setting for a bad value.
   */
  public static final class Builder {
    private final List<ProviderSpec> providers = new ArrayList<>();
    private final Set<String> names = new LinkedHashSet<>();
    private Duration timeout = Duration.ofSeconds(30);
    private int maxRetries = 2;
    private Duration backoffInitial = Duration.ofMillis(200);
    private Duration backoffMax = Duration.ofSeconds(5);
    private double jitter = 0.2;
    private Duration maxRetryAfter = Duration.ofSeconds(30);
    private int breakerFailureThreshold = 5;
    private Duration breakerDelay = Duration.ofSeconds(30);
    private int bulkheadMaxConcurrent = 16;
    private Duration bulkheadMaxWait = Duration.ofSeconds(1);
    private long rateLimitCalls;
    private Duration rateLimitPeriod = Duration.ofSeconds(1);
    private Duration rateLimitMaxWait = Duration.ZERO;
    private boolean cacheEnabled = true;
    private Duration cacheTtl = Duration.ofMinutes(10);
    private long cacheMaxSize = 10_000;
    private long budgetTokens;
    private final Map<String, Long> tenantBudgets = new LinkedHashMap<>();
    private Duration budgetWindow = Duration.ofHours(1);
    private long outputReserve = 512;
    private ChatModel degraded = new OfflineChatModel();
    private String degradedName = OfflineChatModel.NAME;
    private final List<CallHook> hooks = new ArrayList<>();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Adds any LangChain4j model as the next provider. Each attempt runs under a Failsafe timeout that
     * interrupts the calling thread when {@link #timeout} passes.
     */
    public Builder provider(String name, ChatModel model) {
      Objects.requireNonNull(model, "model cannot be null");
      return add(name, t -> model, false);
    }

    /**
     * Adds a LangChain4j model that enforces a deadline itself (an in-process model, or a client configured
     * with its own read timeout) as the next provider: no Failsafe timeout runs around its attempts, which
     * saves a timer task per attempt. Retry, circuit breaker and bulkhead still apply; a timeout the
     * model's client reports is classified as {@link ProviderException.Reason#TIMEOUT} and retried.
     */
    public Builder providerWithOwnTimeout(String name, ChatModel model) {
      Objects.requireNonNull(model, "model cannot be null");
      return add(name, t -> model, true);
    }

    /**
     * Adds an OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, llama.cpp server, LocalAI, hosted
     * gateways) as the next provider, through LangChain4j's OpenAI client with its own retries off.
     *
     * @param baseUrl for example {@code http://127.0.0.1:8000/v1}
     * @param apiKey the key; any non-blank text for servers that need none
     * @param model the model name the endpoint expects
     */
    public Builder openAiCompatible(String name, String baseUrl, String apiKey, String model) {
      requireText(baseUrl, "baseUrl");
      requireText(apiKey, "apiKey");
      requireText(model, "model");
      return add(name, t -> OpenAiChatModel.builder()
          .baseUrl(baseUrl).apiKey(apiKey).modelName(model)
          .maxRetries(0).timeout(t).httpClientBuilder(GatewayHttpClient.builder())
          .build(), false);
    }

    /**
     * Adds an Ollama server as the next provider, through LangChain4j's Ollama client with its own retries
     * off.
     *
     * @param baseUrl for example {@code http://127.0.0.1:11434}
     * @param model the model name, for example {@code llama3.2}
     */
    public Builder ollama(String name, String baseUrl, String model) {
      requireText(baseUrl, "baseUrl");
      requireText(model, "model");
      return add(name, t -> {
        OllamaChatModel.OllamaChatModelBuilder b = OllamaChatModel.builder();
        b.maxRetries(0);
        b.baseUrl(baseUrl);
        b.modelName(model);
        b.timeout(t);
        b.httpClientBuilder(GatewayHttpClient.builder());
        return b.build();
      }, false);
    }

    /** Adds the built-in {@link OfflineChatModel} as the next provider, named {@code offline}. */
    public Builder offline() {
      return providerWithOwnTimeout(OfflineChatModel.NAME, new OfflineChatModel());
    }

    /** Per-attempt timeout; default 30 s. */
    public Builder timeout(Duration timeout) {
      this.timeout = positive(timeout, "timeout");
      return this;
    }

    /** Retries per provider after the first attempt, for retryable failures only; default 2. */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0) {
        throw new IllegalArgumentException("retry.maxRetries must not be negative, was " + maxRetries);
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /** Exponential backoff from {@code initial}, doubling, capped at {@code max}; default 200 ms to 5 s. */
    public Builder backoff(Duration initial, Duration max) {
      this.backoffInitial = nonNegative(initial, "retry.initialDelay");
      this.backoffMax = nonNegative(max, "retry.maxDelay");
      if (max.compareTo(initial) < 0) {
        throw new IllegalArgumentException("retry.maxDelay " + max + " must not be below retry.initialDelay " + initial);
      }
      return this;
    }

    /** Random spread of each backoff delay, as a fraction of it (0 to 1); default 0.2. */
    public Builder jitter(double fraction) {
      if (!(fraction >= 0 && fraction <= 1)) {
        throw new IllegalArgumentException("retry.jitter must be between 0 and 1, was " + fraction);
      }
      this.jitter = fraction;
      return this;
    }

    /** The longest {@code Retry-After} honoured; longer hints are cut to it; default 30 s. */
    public Builder maxRetryAfter(Duration max) {
      this.maxRetryAfter = nonNegative(max, "retry.maxRetryAfter");
      return this;
    }

    /**
     * Circuit breaker per provider: opens after {@code failureThreshold} consecutive retryable failures,
     * half-opens after {@code delay}, closes on the next success; default 5 and 30 s.
     */
    public Builder circuitBreaker(int failureThreshold, Duration delay) {
      if (failureThreshold < 1) {
        throw new IllegalArgumentException("breaker.failureThreshold must be at least 1, was " + failureThreshold);
      }
      this.breakerFailureThreshold = failureThreshold;
      this.breakerDelay = positive(delay, "breaker.delay");
      return this;
    }

    /** Bulkhead per provider: at most {@code maxConcurrent} calls, waiting up to {@code maxWait}; default 16, 1 s. */
    public Builder bulkhead(int maxConcurrent, Duration maxWait) {
      if (maxConcurrent < 1) {
        throw new IllegalArgumentException("bulkhead.maxConcurrent must be at least 1, was " + maxConcurrent);
      }
      this.bulkheadMaxConcurrent = maxConcurrent;
      this.bulkheadMaxWait = nonNegative(maxWait, "bulkhead.maxWait");
      return this;
    }

    /**
     * Rate limiter per provider: at most {@code calls} attempts per {@code period}, spread evenly; an attempt
     * that cannot get a permit within {@code maxWait} is not sent and the next provider is asked
     * ({@link ProviderException.Reason#RATE_LIMITED_LOCALLY}). Default: no rate limit.
     */
    public Builder rateLimit(long calls, Duration period, Duration maxWait) {
      if (calls < 1) {
        throw new IllegalArgumentException("rateLimit.calls must be at least 1, was " + calls);
      }
      this.rateLimitCalls = calls;
      this.rateLimitPeriod = positive(period, "rateLimit.period");
      this.rateLimitMaxWait = nonNegative(maxWait, "rateLimit.maxWait");
      return this;
    }

    /** Response cache for deterministic requests with a time to live and a maximum entry count; default 10 min, 10 000. */
    public Builder cache(Duration ttl, long maxSize) {
      this.cacheTtl = positive(ttl, "cache.ttl");
      if (maxSize < 1) {
        throw new IllegalArgumentException("cache.maxSize must be at least 1, was " + maxSize);
      }
      this.cacheMaxSize = maxSize;
      this.cacheEnabled = true;
      return this;
    }

    /** Turns the response cache off. */
    public Builder noCache() {
      this.cacheEnabled = false;
      return this;
    }

    /** A token budget per tenant per window for every tenant; default none (unlimited), window 1 h. */
    public Builder tokenBudget(long tokens, Duration window) {
      if (tokens < 1) {
        throw new IllegalArgumentException("budget.tokens must be at least 1, was " + tokens);
      }
      this.budgetTokens = tokens;
      this.budgetWindow = positive(window, "budget.window");
      return this;
    }

    /** A tenant's own token budget per window, overriding {@link #tokenBudget}. */
    public Builder tenantBudget(String tenant, long tokens) {
      requireText(tenant, "tenant");
      if (tokens < 1) {
        throw new IllegalArgumentException("budget.tenants." + tenant + " must be at least 1, was " + tokens);
      }
      tenantBudgets.put(tenant, tokens);
      return this;
    }

    /** Tokens reserved for the answer when a request sets no {@code maxOutputTokens}; default 512. */
    public Builder outputReserve(long tokens) {
      if (tokens < 0) {
        throw new IllegalArgumentException("budget.outputReserve must not be negative, was " + tokens);
      }
      this.outputReserve = tokens;
      return this;
    }

    /** The responder used when every provider failed; default the offline model, named {@code offline}. */
    public Builder degradedResponder(String name, ChatModel responder) {
      this.degradedName = requireText(name, "degraded name");
      this.degraded = Objects.requireNonNull(responder, "responder cannot be null");
      return this;
    }

    /** No degraded responder: when every provider failed the caller gets {@link AllProvidersFailedException}. */
    public Builder noDegradedResponder() {
      this.degraded = null;
      return this;
    }

    /** Appends a hook to the chain (before* run in order, after* in reverse). */
    public Builder hook(CallHook hook) {
      hooks.add(Objects.requireNonNull(hook, "hook cannot be null"));
      return this;
    }

    /** The clock that places calls in budget windows; default UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock cannot be null");
      return this;
    }

    /**
     * Builds the gateway.
     *
     * @throws IllegalStateException if there is neither a provider nor a degraded responder
     */
    public ModelGateway build() {
      return new ModelGateway(this);
    }

    private Builder add(String name, Function<Duration, ChatModel> factory, boolean ownTimeout) {
      requireText(name, "provider name");
      if (!names.add(name)) {
        throw new IllegalArgumentException("provider name '" + name + "' is used twice; names must be unique");
      }
      providers.add(new ProviderSpec(name, factory, ownTimeout));
      return this;
    }

    private Builder copy() {
      Builder c = new Builder();
      c.providers.addAll(providers);
      c.names.addAll(names);
      c.timeout = timeout;
      c.maxRetries = maxRetries;
      c.backoffInitial = backoffInitial;
      c.backoffMax = backoffMax;
      c.jitter = jitter;
      c.maxRetryAfter = maxRetryAfter;
      c.breakerFailureThreshold = breakerFailureThreshold;
      c.breakerDelay = breakerDelay;
      c.bulkheadMaxConcurrent = bulkheadMaxConcurrent;
      c.bulkheadMaxWait = bulkheadMaxWait;
      c.rateLimitCalls = rateLimitCalls;
      c.rateLimitPeriod = rateLimitPeriod;
      c.rateLimitMaxWait = rateLimitMaxWait;
      c.cacheEnabled = cacheEnabled;
      c.cacheTtl = cacheTtl;
      c.cacheMaxSize = cacheMaxSize;
      c.budgetTokens = budgetTokens;
      c.tenantBudgets.putAll(tenantBudgets);
      c.budgetWindow = budgetWindow;
      c.outputReserve = outputReserve;
      c.degraded = degraded;
      c.degradedName = degradedName;
      c.hooks.addAll(hooks);
      c.clock = clock;
      return c;
    }

    private static String requireText(String value, String name) {
      Objects.requireNonNull(value, () -> name + " cannot be null");
      if (value.isBlank()) {
        throw new IllegalArgumentException(name + " must not be blank");
      }
      return value;
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, () -> name + " cannot be null");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
      return d;
    }

    private static Duration nonNegative(Duration d, String name) {
      Objects.requireNonNull(d, () -> name + " cannot be null");
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, was " + d);
      }
      return d;
    }
  }
}

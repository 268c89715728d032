package io.modelbridge.core.gateway;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.modelbridge.core.CallContext;
import io.modelbridge.core.ModelBridgeException;
import io.modelbridge.core.gateway.internal.BudgetLink;
import io.modelbridge.core.gateway.internal.CacheLink;
import io.modelbridge.core.gateway.internal.Chain;
import io.modelbridge.core.gateway.internal.DegradedLink;
import io.modelbridge.core.gateway.internal.Exchange;
import io.modelbridge.core.gateway.internal.FailoverLink;
import io.modelbridge.core.gateway.internal.GatewayHttpClient;
import io.modelbridge.core.gateway.internal.GatewaySettings;
import io.modelbridge.core.gateway.internal.HooksLink;
import io.modelbridge.core.gateway.internal.Link;
import io.modelbridge.core.gateway.internal.MetricsRecorder;
import io.modelbridge.core.gateway.internal.ObserveLink;
import io.modelbridge.core.gateway.internal.Provider;
import io.modelbridge.core.gateway.internal.ProviderPolicies;
import io.modelbridge.core.gateway.internal.ProviderSpec;
import io.modelbridge.core.gateway.internal.StreamSink;
import io.modelbridge.core.gateway.internal.TokenBudgets;
import io.modelbridge.core.hook.CallHook;
import io.modelbridge.core.hook.CallRefusedException;
import io.modelbridge.core.hook.HookChain;
import io.modelbridge.core.hook.ModelAnswer;
import io.modelbridge.core.offline.OfflineChatModel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model gateway: a LangChain4j {@link ChatModel} and {@link StreamingChatModel} that a business
 * application calls instead of a provider. Every call, streamed or not, runs through one ordered chain of
 * links:
 *
 * <ol>
 *   <li>the hooks' {@code beforeRequest} (may rewrite or refuse);
 *   <li>the response cache, for deterministic requests only (temperature 0, or the context attribute
 *       {@link #DETERMINISTIC_ATTRIBUTE} set to {@code true}); keys isolate tenants; a streamed request that
 *       hits is replayed as one chunk;
 *   <li>the tenant's token budget: an estimate is reserved before the call and settled to the reported usage;
 *   <li>the providers in order, each behind its own retry (Failsafe's exponential backoff with jitter, only for
 *       retryable failures, honouring {@code Retry-After}), circuit breaker, bulkhead and per-attempt
 *       timeout; a provider that gives up hands over to the next one. A stream is resilient up to its first
 *       token; after it a failure is a {@link StreamInterruptedException} saying how much was delivered,
 *       never retried (that would duplicate text);
 *   <li>the degraded responder (by default the {@link OfflineChatModel}) when every provider failed;
 *   <li>the hooks' {@code afterResponse} on the complete answer (once, also for a stream), or {@code onError}
 *       with the typed failure.
 * </ol>
 *
 * <p>LangChain4j {@link ChatModelListener}s set with {@link Builder#listeners} see one request and one
 * response or error per gateway call, with {@link #PROVIDER_ATTRIBUTE}, {@link #ATTEMPTS_ATTRIBUTE},
 * {@link #CACHED_ATTRIBUTE} and {@link #DEGRADED_ATTRIBUTE} in the response's attributes.
 *
 * <p>Who calls is taken from the {@link CallContext} bound to the thread ({@code ctx.call(() -> ...)}), from
 * a view made by {@link #withContext(CallContext)} (use it from async code: a thread-local does not travel
 * across threads), or, when none is bound, as {@link Builder#missingContext} says. A streamed call captures
 * the context on the calling thread. Thread-safe; build one per application and share it.
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
public final class ModelGateway implements ChatModel, StreamingChatModel {

  /** Context attribute that marks a request deterministic (cacheable) whatever its temperature. */
  public static final String DETERMINISTIC_ATTRIBUTE = CacheLink.DETERMINISTIC_ATTRIBUTE;

  /** Listener attribute: the name of the provider that answered ({@code cache} for a cache hit). */
  public static final String PROVIDER_ATTRIBUTE = "modelbridge.provider";

  /** Listener attribute: provider attempts the call took, an {@link Integer}. */
  public static final String ATTEMPTS_ATTRIBUTE = "modelbridge.attempts";

  /** Listener attribute: whether the answer came from the cache, a {@link Boolean}. */
  public static final String CACHED_ATTRIBUTE = "modelbridge.cached";

  /** Listener attribute: whether the degraded responder answered, a {@link Boolean}. */
  public static final String DEGRADED_ATTRIBUTE = "modelbridge.degraded";

  /** Listener attribute: whether the call was streamed, a {@link Boolean}. */
  public static final String STREAMED_ATTRIBUTE = "modelbridge.streamed";

  /** What a call without a bound {@link CallContext} does; see {@link Builder#missingContext}. */
  public enum MissingContext {
    /** Runs as {@link CallContext#anonymous()} (tenant {@code default}), silently. */
    ANONYMOUS,
    /** Runs as {@link CallContext#anonymous()} and logs one warning per gateway (the default). */
    WARN_ONCE,
    /** Fails with {@link IllegalStateException} saying how to bind a context (the pipeline's default). */
    FAIL
  }

  private static final Logger LOG = LoggerFactory.getLogger(ModelGateway.class);

  private final GatewaySettings settings;
  private final List<Provider> providers;
  private final Chain chain;
  private final TokenBudgets budgets;
  private final MetricsRecorder metrics = new MetricsRecorder();
  private final Executor streamingExecutor;
  private final Set<Capability> capabilities;
  private final AtomicBoolean warnedMissingContext = new AtomicBoolean();

  private ModelGateway(GatewaySettings s) {
    if (s.providers().isEmpty() && s.degraded().isEmpty()) {
      throw new IllegalStateException(
          "no provider and no degraded responder configured: add a provider (for example "
              + "modelbridge.providers[0].type=offline) or keep the default degraded responder");
    }
    this.settings = s;
    List<Provider> built = new ArrayList<>();
    for (ProviderSpec spec : s.providers()) {
      built.add(ProviderPolicies.build(spec, s, metrics));
    }
    this.providers = List.copyOf(built);
    this.streamingExecutor = s.streamingExecutor().orElseGet(ModelGateway::daemonPool);
    this.budgets = new TokenBudgets(s.budget().tokens(), s.budget().tenants(), s.budget().window(), s.clock());
    StringBuilder id = new StringBuilder();
    for (Provider p : providers) {
      id.append(p.name()).append('=').append(defaultModelName(p.model())).append(';');
    }
    // One ordered chain for the synchronous and the streaming path; a concern is one link.
    List<Link> links = new ArrayList<>();
    links.add(new ObserveLink(metrics));
    HookChain hooks = HookChain.of(s.hooks());
    if (!hooks.hooks().isEmpty()) {
      links.add(new HooksLink(hooks, metrics));
    }
    s.cache().ifPresent(c -> links.add(new CacheLink(c, id.toString(), metrics)));
    if (budgets.active()) {
      links.add(new BudgetLink(budgets, s.budget().outputReserve(), metrics));
    }
    if (!providers.isEmpty()) {
      links.add(new FailoverLink(providers, s.degraded().isPresent() ? s.degradedName() : null, metrics,
          s.timeout(), s.streamIdleTimeout(), streamingExecutor));
    }
    links.add(new DegradedLink(s.degraded(), s.degradedName(), metrics));
    this.chain = Chain.of(links);
    this.capabilities = intersection(providers, s.degraded());
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
    return new Builder(settings);
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

  private static ChatResponse marked(ModelAnswer answer) {
    return answer.degraded() ? DegradedResponseMetadata.mark(answer.response(), answer.provider()) : answer.response();
  }

  /**
   * A view of this gateway that makes every call, synchronous or streamed, with {@code context}: the way to
   * call from async code ({@code CompletableFuture}, executors, virtual threads), where a context bound to
   * the submitting thread is not seen.
   */
  public ContextBound withContext(CallContext context) {
    return new ContextBound(this, Objects.requireNonNull(context, "context cannot be null"));
  }

  /**
   * Makes the call with the thread's bound {@link CallContext} and tells the listeners; see the class doc.
   *
   * @throws CallRefusedException if a hook refused the call
   * @throws BudgetExceededException if the tenant's token budget for the window is spent
   * @throws AllProvidersFailedException if every provider failed and no degraded responder is configured
   */
  @Override
  public ChatResponse chat(ChatRequest request) {
    return chatObserved(context(), request);
  }

  /** Same as {@link #chat(ChatRequest)}. */
  @Override
  public ChatResponse doChat(ChatRequest request) {
    return chatObserved(context(), request);
  }

  /**
   * Streams the answer into {@code handler}, with the thread's bound {@link CallContext} (captured now). Returns
   * at once; the call runs on the streaming executor. The handler gets the chunks, then
   * {@code onCompleteResponse} with the complete answer after every hook, or {@code onError} with the typed
   * failure ({@link StreamInterruptedException} when the stream broke off after its first token).
   */
  @Override
  public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
    stream(context(), request, handler);
  }

  /** Same as {@link #chat(ChatRequest, StreamingChatResponseHandler)}. */
  @Override
  public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
    stream(context(), request, handler);
  }

  /**
   * Makes one call and tells where the answer came from. Listeners are not told: {@link #chat(ChatRequest)}
   * is the observed entry point.
   *
   * @return the answer after every hook, with provider, cached, degraded, attempts and latency
   * @throws CallRefusedException if a hook refused the call
   * @throws BudgetExceededException if the tenant's token budget for the window is spent
   * @throws AllProvidersFailedException if every provider failed and no degraded responder is configured
   */
  public ModelAnswer call(CallContext context, ChatRequest request) {
    Objects.requireNonNull(context, "context cannot be null");
    Objects.requireNonNull(request, "request cannot be null");
    return chain.proceed(new Exchange(context, request, null));
  }

  /**
   * Streams one call into {@code handler} with {@code context}; see
   * {@link #chat(ChatRequest, StreamingChatResponseHandler)}.
   */
  public void stream(CallContext context, ChatRequest request, StreamingChatResponseHandler handler) {
    Objects.requireNonNull(context, "context cannot be null");
    Objects.requireNonNull(request, "request cannot be null");
    Objects.requireNonNull(handler, "handler cannot be null");
    streamingExecutor.execute(() -> runStream(context, request, handler));
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

  /** The listeners told of every call. */
  @Override
  public List<ChatModelListener> listeners() {
    return settings.listeners();
  }

  /**
   * The capabilities every provider in the chain (and the degraded responder) supports: their intersection,
   * so a request that uses one (for example a JSON-schema response format from {@code AiServices}) can be
   * answered by whichever provider ends up answering.
   */
  @Override
  public Set<Capability> supportedCapabilities() {
    return capabilities;
  }

  /** No request parameters of its own: each provider keeps its defaults. */
  @Override
  public ChatRequestParameters defaultRequestParameters() {
    return ChatRequestParameters.builder().build();
  }

  /** {@link ModelProvider#OTHER}: the gateway stands for several providers. */
  @Override
  public ModelProvider provider() {
    return ModelProvider.OTHER;
  }

  private CallContext context() {
    Optional<CallContext> bound = CallContext.current();
    if (bound.isPresent()) {
      return bound.get();
    }
    switch (settings.missingContext()) {
      case FAIL:
        throw new IllegalStateException("no CallContext is bound to this thread, so the gateway cannot tell "
            + "which tenant to charge: call inside ctx.call(() -> ...), or use gateway.withContext(ctx) "
            + "(also from async code), or set missingContext(ANONYMOUS) to run as tenant 'default'");
      case WARN_ONCE:
        if (warnedMissingContext.compareAndSet(false, true)) {
          LOG.warn("gateway.context.missing: a call without a bound CallContext runs as tenant 'default' "
              + "(budgets, cache and audit are charged to it); bind one with ctx.call(...) or "
              + "gateway.withContext(ctx), or set missingContext(FAIL). Logged once.");
        }
        return CallContext.anonymous();
      default:
        return CallContext.anonymous();
    }
  }

  private ChatResponse chatObserved(CallContext context, ChatRequest request) {
    List<ChatModelListener> listeners = settings.listeners();
    if (listeners.isEmpty()) {
      return marked(call(context, request));
    }
    Map<Object, Object> attributes = new HashMap<>();
    attributes.put(STREAMED_ATTRIBUTE, false);
    onRequest(request, attributes);
    try {
      ModelAnswer answer = call(context, request);
      onResponse(request, answer, attributes);
      return marked(answer);
    } catch (RuntimeException e) {
      onError(request, e, attributes);
      throw e;
    }
  }

  private void runStream(CallContext context, ChatRequest request, StreamingChatResponseHandler handler) {
    List<ChatModelListener> listeners = settings.listeners();
    Map<Object, Object> attributes = listeners.isEmpty() ? null : new HashMap<>();
    if (attributes != null) {
      attributes.put(STREAMED_ATTRIBUTE, true);
      onRequest(request, attributes);
    }
    HandlerSink sink = new HandlerSink(handler);
    ModelAnswer answer;
    try {
      answer = chain.proceed(new Exchange(context, request, sink));
    } catch (RuntimeException e) {
      if (attributes != null) {
        onError(request, e, attributes);
      }
      sink.error(e);
      return;
    }
    if (sink.chunks() == 0) {
      // Cache hit, degraded answer or a provider without streaming: replay the whole answer as one chunk.
      String text = answer.response().aiMessage() != null ? answer.response().aiMessage().text() : null;
      if (text != null && !text.isEmpty()) {
        sink.partial(text);
      }
    }
    if (attributes != null) {
      onResponse(request, answer, attributes);
    }
    sink.complete(answer.response());
  }

  private void onRequest(ChatRequest request, Map<Object, Object> attributes) {
    ChatModelRequestContext ctx = new ChatModelRequestContext(request, ModelProvider.OTHER, attributes);
    for (ChatModelListener l : settings.listeners()) {
      try {
        l.onRequest(ctx);
      } catch (RuntimeException e) {
        logListener(l, "onRequest", e);
      }
    }
  }

  private void onResponse(ChatRequest request, ModelAnswer answer, Map<Object, Object> attributes) {
    attributes.put(PROVIDER_ATTRIBUTE, answer.provider());
    attributes.put(ATTEMPTS_ATTRIBUTE, answer.attempts());
    attributes.put(CACHED_ATTRIBUTE, answer.cached());
    attributes.put(DEGRADED_ATTRIBUTE, answer.degraded());
    ChatModelResponseContext ctx =
        new ChatModelResponseContext(answer.response(), request, ModelProvider.OTHER, attributes);
    for (ChatModelListener l : settings.listeners()) {
      try {
        l.onResponse(ctx);
      } catch (RuntimeException e) {
        logListener(l, "onResponse", e);
      }
    }
  }

  private void onError(ChatRequest request, Throwable error, Map<Object, Object> attributes) {
    ChatModelErrorContext ctx = new ChatModelErrorContext(error, request, ModelProvider.OTHER, attributes);
    for (ChatModelListener l : settings.listeners()) {
      try {
        l.onError(ctx);
      } catch (RuntimeException e) {
        logListener(l, "onError", e);
      }
    }
  }

  private static void logListener(ChatModelListener l, String phase, RuntimeException e) {
    // Only the exception type: its message could carry data from the call.
    LOG.warn("gateway.listener.failed listener={} phase={} error={} (isolated; the call goes on)",
        l.getClass().getName(), phase, e.getClass().getName());
  }

  private static Set<Capability> intersection(List<Provider> providers, Optional<ChatModel> degraded) {
    Set<Capability> common = EnumSet.allOf(Capability.class);
    for (Provider p : providers) {
      common.retainAll(capabilitiesOf(p.model()));
      p.streaming().ifPresent(s -> common.retainAll(safe(s::supportedCapabilities)));
    }
    degraded.ifPresent(d -> common.retainAll(capabilitiesOf(d)));
    return Set.copyOf(common);
  }

  private static Set<Capability> capabilitiesOf(ChatModel model) {
    return safe(model::supportedCapabilities);
  }

  private static Set<Capability> safe(java.util.function.Supplier<Set<Capability>> s) {
    try {
      Set<Capability> c = s.get();
      return c != null ? c : Set.of();
    } catch (RuntimeException e) {
      return Set.of();
    }
  }

  private static ExecutorService daemonPool() {
    return Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "modelbridge-stream");
      t.setDaemon(true);
      return t;
    });
  }

  private static String defaultModelName(ChatModel model) {
    try {
      var params = model.defaultRequestParameters();
      return params != null && params.modelName() != null ? params.modelName() : model.getClass().getSimpleName();
    } catch (RuntimeException e) {
      return model.getClass().getSimpleName();
    }
  }

  /** The caller's handler seen as the chain's sink; a handler that throws is isolated and logged. */
  private static final class HandlerSink implements StreamSink {
    private final StreamingChatResponseHandler handler;
    private int chunks;
    private long chars;

    HandlerSink(StreamingChatResponseHandler handler) {
      this.handler = handler;
    }

    @Override
    public void partial(String text) {
      chunks++;
      chars += text.length();
      try {
        handler.onPartialResponse(text);
      } catch (RuntimeException e) {
        LOG.warn("gateway.stream.handler.failed phase=onPartialResponse error={} (isolated)", e.getClass().getName());
      }
    }

    @Override
    public int chunks() {
      return chunks;
    }

    @Override
    public long chars() {
      return chars;
    }

    void complete(ChatResponse response) {
      try {
        handler.onCompleteResponse(response);
      } catch (RuntimeException e) {
        LOG.warn("gateway.stream.handler.failed phase=onCompleteResponse error={} (isolated)", e.getClass().getName());
      }
    }

    void error(Throwable error) {
      try {
        handler.onError(error);
      } catch (RuntimeException e) {
        LOG.warn("gateway.stream.handler.failed phase=onError error={} (isolated)", e.getClass().getName());
      }
    }
  }

  /**
   * This gateway with a fixed {@link CallContext}: a {@link ChatModel} and a {@link StreamingChatModel} to hand
   * to {@code AiServices} or to async code. Made by {@link ModelGateway#withContext(CallContext)}.
   */
  public static final class ContextBound implements ChatModel, StreamingChatModel {
    private final ModelGateway gateway;
    private final CallContext context;

    private ContextBound(ModelGateway gateway, CallContext context) {
      this.gateway = gateway;
      this.context = context;
    }

    /** The context every call of this view is made with. */
    public CallContext context() {
      return context;
    }

    /** Makes the call with this view's context; see {@link ModelGateway#chat(ChatRequest)}. */
    @Override
    public ChatResponse chat(ChatRequest request) {
      return gateway.chatObserved(context, request);
    }

    /** Same as {@link #chat(ChatRequest)}. */
    @Override
    public ChatResponse doChat(ChatRequest request) {
      return gateway.chatObserved(context, request);
    }

    /** Streams with this view's context; see {@link ModelGateway#chat(ChatRequest, StreamingChatResponseHandler)}. */
    @Override
    public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
      gateway.stream(context, request, handler);
    }

    /** Same as {@link #chat(ChatRequest, StreamingChatResponseHandler)}. */
    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
      gateway.stream(context, request, handler);
    }

    /** The gateway's listeners. */
    @Override
    public List<ChatModelListener> listeners() {
      return gateway.listeners();
    }

    /** The gateway's capabilities. */
    @Override
    public Set<Capability> supportedCapabilities() {
      return gateway.supportedCapabilities();
    }

    /** The gateway's (empty) default parameters. */
    @Override
    public ChatRequestParameters defaultRequestParameters() {
      return gateway.defaultRequestParameters();
    }

    /** {@link ModelProvider#OTHER}. */
    @Override
    public ModelProvider provider() {
      return ModelProvider.OTHER;
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
    private Duration streamIdleTimeout = Duration.ofSeconds(30);
    private GatewaySettings.Retry retry =
        new GatewaySettings.Retry(2, Duration.ofMillis(200), Duration.ofSeconds(5), 0.2, Duration.ofSeconds(30));
    private GatewaySettings.Breaker breaker = new GatewaySettings.Breaker(5, Duration.ofSeconds(30));
    private GatewaySettings.Bulkhead bulkhead = new GatewaySettings.Bulkhead(16, Duration.ofSeconds(1));
    private Optional<GatewaySettings.RateLimit> rateLimit = Optional.empty();
    private Optional<GatewaySettings.Cache> cache =
        Optional.of(new GatewaySettings.Cache(Duration.ofMinutes(10), 10_000));
    private long budgetTokens;
    private final Map<String, Long> tenantBudgets = new LinkedHashMap<>();
    private Duration budgetWindow = Duration.ofHours(1);
    private long outputReserve = 512;
    private Optional<ChatModel> degraded = Optional.of(new OfflineChatModel());
    private String degradedName = OfflineChatModel.NAME;
    private final List<CallHook> hooks = new ArrayList<>();
    private final List<ChatModelListener> listeners = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private Optional<Executor> streamingExecutor = Optional.empty();
    private MissingContext missingContext = MissingContext.WARN_ONCE;

    private Builder() {}

    private Builder(GatewaySettings s) {
      s.providers().forEach(p -> {
        providers.add(p);
        names.add(p.name());
      });
      timeout = s.timeout();
      streamIdleTimeout = s.streamIdleTimeout();
      retry = s.retry();
      breaker = s.breaker();
      bulkhead = s.bulkhead();
      rateLimit = s.rateLimit();
      cache = s.cache();
      budgetTokens = s.budget().tokens();
      tenantBudgets.putAll(s.budget().tenants());
      budgetWindow = s.budget().window();
      outputReserve = s.budget().outputReserve();
      degraded = s.degraded();
      degradedName = s.degradedName();
      hooks.addAll(s.hooks());
      listeners.addAll(s.listeners());
      clock = s.clock();
      streamingExecutor = s.streamingExecutor();
      missingContext = s.missingContext();
    }

    /**
     * Adds any LangChain4j model as the next provider. Each attempt runs under a Failsafe timeout that
     * interrupts the calling thread when {@link #timeout} passes.
     */
    public Builder provider(String name, ChatModel model) {
      Objects.requireNonNull(model, "model cannot be null");
      return add(name, t -> model, streamingOf(model), false);
    }

    /**
     * Adds a provider with a synchronous and a streaming LangChain4j model for the same endpoint (for example
     * an {@code OpenAiChatModel} and an {@code OpenAiStreamingChatModel}): synchronous calls use
     * {@code model}, streamed calls {@code streaming}, behind the same retry, breaker and bulkhead.
     */
    public Builder provider(String name, ChatModel model, StreamingChatModel streaming) {
      Objects.requireNonNull(model, "model cannot be null");
      Objects.requireNonNull(streaming, "streaming cannot be null");
      return add(name, t -> model, Optional.of(t -> streaming), false);
    }

    /**
     * Adds a LangChain4j model that enforces a deadline itself (an in-process model, or a client configured
     * with its own read timeout) as the next provider: no Failsafe timeout runs around its attempts, which
     * saves a timer task per attempt. Retry, circuit breaker and bulkhead still apply; a timeout the
     * model's client reports is classified as {@link ProviderException.Reason#TIMEOUT} and retried.
     */
    public Builder providerWithOwnTimeout(String name, ChatModel model) {
      Objects.requireNonNull(model, "model cannot be null");
      return add(name, t -> model, streamingOf(model), true);
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
          .build(),
          Optional.of(t -> OpenAiStreamingChatModel.builder()
              .baseUrl(baseUrl).apiKey(apiKey).modelName(model)
              .timeout(t).httpClientBuilder(GatewayHttpClient.builder())
              .build()),
          false);
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
      }, Optional.empty(), false);
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
      this.retry = new GatewaySettings.Retry(
          maxRetries, retry.initialDelay(), retry.maxDelay(), retry.jitter(), retry.maxRetryAfter());
      return this;
    }

    /** Exponential backoff from {@code initial}, doubling, capped at {@code max}; default 200 ms to 5 s. */
    public Builder backoff(Duration initial, Duration max) {
      nonNegative(initial, "retry.initialDelay");
      nonNegative(max, "retry.maxDelay");
      if (max.compareTo(initial) < 0) {
        throw new IllegalArgumentException("retry.maxDelay " + max + " must not be below retry.initialDelay " + initial);
      }
      this.retry = new GatewaySettings.Retry(retry.maxRetries(), initial, max, retry.jitter(), retry.maxRetryAfter());
      return this;
    }

    /** Random spread of each backoff delay, as a fraction of it (0 to 1); default 0.2. */
    public Builder jitter(double fraction) {
      if (!(fraction >= 0 && fraction <= 1)) {
        throw new IllegalArgumentException("retry.jitter must be between 0 and 1, was " + fraction);
      }
      this.retry = new GatewaySettings.Retry(
          retry.maxRetries(), retry.initialDelay(), retry.maxDelay(), fraction, retry.maxRetryAfter());
      return this;
    }

    /** The longest {@code Retry-After} honoured; longer hints are cut to it; default 30 s. */
    public Builder maxRetryAfter(Duration max) {
      this.retry = new GatewaySettings.Retry(retry.maxRetries(), retry.initialDelay(), retry.maxDelay(),
          retry.jitter(), nonNegative(max, "retry.maxRetryAfter"));
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
      this.breaker = new GatewaySettings.Breaker(failureThreshold, positive(delay, "breaker.delay"));
      return this;
    }

    /** Bulkhead per provider: at most {@code maxConcurrent} calls, waiting up to {@code maxWait}; default 16, 1 s. */
    public Builder bulkhead(int maxConcurrent, Duration maxWait) {
      if (maxConcurrent < 1) {
        throw new IllegalArgumentException("bulkhead.maxConcurrent must be at least 1, was " + maxConcurrent);
      }
      this.bulkhead = new GatewaySettings.Bulkhead(maxConcurrent, nonNegative(maxWait, "bulkhead.maxWait"));
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
      this.rateLimit = Optional.of(new GatewaySettings.RateLimit(
          calls, positive(period, "rateLimit.period"), nonNegative(maxWait, "rateLimit.maxWait")));
      return this;
    }

    /** Response cache for deterministic requests with a time to live and a maximum entry count; default 10 min, 10 000. */
    public Builder cache(Duration ttl, long maxSize) {
      positive(ttl, "cache.ttl");
      if (maxSize < 1) {
        throw new IllegalArgumentException("cache.maxSize must be at least 1, was " + maxSize);
      }
      this.cache = Optional.of(new GatewaySettings.Cache(ttl, maxSize));
      return this;
    }

    /** Turns the response cache off. */
    public Builder noCache() {
      this.cache = Optional.empty();
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
      this.degraded = Optional.of(Objects.requireNonNull(responder, "responder cannot be null"));
      return this;
    }

    /** No degraded responder: when every provider failed the caller gets {@link AllProvidersFailedException}. */
    public Builder noDegradedResponder() {
      this.degraded = Optional.empty();
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
     * LangChain4j listeners told of every gateway call, synchronous or streamed: one request and one response
     * or error each, with {@link #PROVIDER_ATTRIBUTE}, {@link #ATTEMPTS_ATTRIBUTE}, {@link #CACHED_ATTRIBUTE}
     * and {@link #DEGRADED_ATTRIBUTE} in the response's attributes. A failing listener is logged and skipped.
     * Replaces listeners set before.
     */
    public Builder listeners(List<ChatModelListener> listeners) {
      Objects.requireNonNull(listeners, "listeners cannot be null");
      listeners.forEach(l -> Objects.requireNonNull(l, "listeners cannot contain null"));
      this.listeners.clear();
      this.listeners.addAll(listeners);
      return this;
    }

    /** Same as {@link #listeners(List)}. */
    public Builder listeners(ChatModelListener... listeners) {
      return listeners(List.of(listeners));
    }

    /**
     * Longest silence allowed between two tokens of a stream; a stream silent for longer is cancelled and
     * ends in {@link StreamInterruptedException} with reason {@code TIMEOUT}. Default 30 s. (Until its first
     * token a stream has the {@link #timeout}, and is retried like any attempt.)
     */
    public Builder streamIdleTimeout(Duration idle) {
      this.streamIdleTimeout = positive(idle, "stream.idleTimeout");
      return this;
    }

    /**
     * Runs streamed calls and the provider streams they read; default a pool of daemon threads made on
     * demand. Each streamed call takes up to two threads while it runs.
     */
    public Builder streamingExecutor(Executor executor) {
      this.streamingExecutor = Optional.of(Objects.requireNonNull(executor, "executor cannot be null"));
      return this;
    }

    /**
     * What a call without a bound {@link CallContext} does: {@link MissingContext#WARN_ONCE} by default (runs
     * as tenant {@code default} and logs once), {@link MissingContext#FAIL} to refuse it,
     * {@link MissingContext#ANONYMOUS} to run silently.
     */
    public Builder missingContext(MissingContext behaviour) {
      this.missingContext = Objects.requireNonNull(behaviour, "missingContext cannot be null");
      return this;
    }

    /**
     * Builds the gateway.
     *
     * @throws IllegalStateException if there is neither a provider nor a degraded responder
     */
    public ModelGateway build() {
      return new ModelGateway(new GatewaySettings(providers, timeout, streamIdleTimeout, retry, breaker,
          bulkhead, rateLimit, cache,
          new GatewaySettings.Budget(budgetTokens, tenantBudgets, budgetWindow, outputReserve),
          degraded, degradedName, hooks, listeners, clock, streamingExecutor, missingContext));
    }

    private Builder add(String name, Function<Duration, ChatModel> factory,
        Optional<Function<Duration, StreamingChatModel>> streaming, boolean ownTimeout) {
      requireText(name, "provider name");
      if (!names.add(name)) {
        throw new IllegalArgumentException("provider name '" + name + "' is used twice; names must be unique");
      }
      providers.add(new ProviderSpec(name, factory, streaming, ownTimeout));
      return this;
    }

    private static Optional<Function<Duration, StreamingChatModel>> streamingOf(ChatModel model) {
      // A model that streams too (as this gateway does) is streamed from; any other answers whole.
      return model instanceof StreamingChatModel
          ? Optional.of(t -> (StreamingChatModel) model) : Optional.empty();
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

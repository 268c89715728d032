package io.modelbridge.cli.demo;

import io.modelbridge.core.gateway.ModelGateway;
import io.modelbridge.core.hook.CallHook;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Chooses the demo's model from the environment: {@code OPENAI_BASE_URL} (with {@code OPENAI_API_KEY},
 * model {@code OPENAI_MODEL}, default {@value #OPENAI_DEFAULT_MODEL}) or {@code OLLAMA_BASE_URL} (model
 * {@code OLLAMA_MODEL}, default {@value #OLLAMA_DEFAULT_MODEL}) becomes the provider, and the offline model
 * is the gateway's degraded responder, the last resort whose answers never drive a write unless the pack
 * allows it; with no real provider configured, the offline model is the provider itself. The hooks are
 * installed in the order given.
 */
final class DemoModel {

  static final String OPENAI_DEFAULT_MODEL = "gpt-4o-mini";
  static final String OLLAMA_DEFAULT_MODEL = "llama3.2";

  private DemoModel() {}

  /** A short description of the real provider configured, or empty when the demo runs offline only. */
  static Optional<String> realProvider(Function<String, Optional<String>> env) {
    Optional<String> openAi = env.apply("OPENAI_BASE_URL").filter(v -> !v.isBlank());
    if (openAi.isPresent()) {
      return Optional.of("openai at " + openAi.get() + " (model "
          + env.apply("OPENAI_MODEL").filter(v -> !v.isBlank()).orElse(OPENAI_DEFAULT_MODEL) + ")");
    }
    return env.apply("OLLAMA_BASE_URL").filter(v -> !v.isBlank()).map(url -> "ollama at " + url + " (model "
        + env.apply("OLLAMA_MODEL").filter(v -> !v.isBlank()).orElse(OLLAMA_DEFAULT_MODEL) + ")");
  }

  static ModelGateway gateway(Function<String, Optional<String>> env, CallHook... hooks) {
    ModelGateway.Builder b = ModelGateway.builder();
    Optional<String> openAi = env.apply("OPENAI_BASE_URL").filter(v -> !v.isBlank());
    Optional<String> ollama = env.apply("OLLAMA_BASE_URL").filter(v -> !v.isBlank());
    if (openAi.isPresent()) {
      b.openAiCompatible("openai", openAi.get(),
          env.apply("OPENAI_API_KEY").filter(v -> !v.isBlank()).orElse("no-key"),
          env.apply("OPENAI_MODEL").filter(v -> !v.isBlank()).orElse(OPENAI_DEFAULT_MODEL));
    } else if (ollama.isPresent()) {
      b.ollama("ollama", ollama.get(), env.apply("OLLAMA_MODEL").filter(v -> !v.isBlank()).orElse(OLLAMA_DEFAULT_MODEL));
    } else {
      // Offline by choice: the offline model is the configured model, not a stand-in for a failed one.
      b.offline();
    }
    b.timeout(Duration.ofSeconds(60))
        .maxRetries(1)
        .backoff(Duration.ofMillis(100), Duration.ofSeconds(1))
        .noCache();
    for (CallHook h : hooks) {
      b.hook(h);
    }
    return b.build();
  }
}

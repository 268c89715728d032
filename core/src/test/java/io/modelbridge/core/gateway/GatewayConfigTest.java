package io.modelbridge.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.modelbridge.core.CallContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigTest {

  @TempDir Path dir;

  @Test
  void propertiesFile_buildsProvidersInOrder() throws IOException {
    Path file = dir.resolve("gateway.properties");
    Files.writeString(file, String.join("\n",
        "modelbridge.providers[0].type=openai",
        "modelbridge.providers[0].name=vllm",
        "modelbridge.providers[0].baseUrl=http://127.0.0.1:1/v1",
        "modelbridge.providers[0].model=qwen",
        "modelbridge.providers[1].type=ollama",
        "modelbridge.providers[1].baseUrl=http://127.0.0.1:1",
        "modelbridge.providers[1].model=llama3.2",
        "modelbridge.providers[2].type=offline",
        "modelbridge.timeout=2s",
        "modelbridge.retry.maxRetries=0",
        "modelbridge.budget.tokens=1000",
        "modelbridge.budget.window=1h",
        "modelbridge.budget.tenants.acme=50",
        "modelbridge.cache.ttl=5m",
        "modelbridge.rateLimit.calls=600",
        "modelbridge.rateLimit.period=1m"));

    ModelGateway gw = ModelGateway.fromConfig(file);

    assertThat(gw.providerNames()).containsExactly("vllm", "ollama", "offline");
    assertThat(gw.call(CallContext.of("globex", "p", "t"),
        dev.langchain4j.model.chat.request.ChatRequest.builder()
            .messages(dev.langchain4j.data.message.UserMessage.from("hi")).build()).provider()).isEqualTo("offline");
  }

  @Test
  void yamlFile_usesTheSameNames() throws IOException {
    Path file = dir.resolve("gateway.yaml");
    Files.writeString(file, String.join("\n",
        "modelbridge:",
        "  providers:",
        "    - type: offline",
        "      name: local",
        "  retry:",
        "    maxRetries: 1",
        "    initialDelay: 10ms",
        "  degraded: none"));

    assertThat(ModelGateway.fromConfig(file).providerNames()).containsExactly("local");
  }

  @Test
  void unknownKey_failsAtStartUp_namingTheKey() {
    Properties p = new Properties();
    p.setProperty("modelbridge.retry.maxRetrys", "3");
    GatewayConfigException e = catchThrowableOfType(() -> ModelGateway.fromConfig(p), GatewayConfigException.class);
    assertThat(e.key()).isEqualTo("modelbridge.retry.maxRetrys");
    assertThat(e.getMessage()).contains("modelbridge.retry.maxRetrys", "unknown");
  }

  @Test
  void unknownKeyInYaml_namesTheFlattenedKey() throws IOException {
    Path file = dir.resolve("gateway.yml");
    Files.writeString(file, "modelbridge:\n  providers:\n    - type: offline\n      colour: blue\n");
    GatewayConfigException e = catchThrowableOfType(() -> ModelGateway.fromConfig(file), GatewayConfigException.class);
    assertThat(e.key()).isEqualTo("modelbridge.providers[0].colour");
  }

  @Test
  void invalidValues_nameTheKey() {
    assertThat(keyOf("modelbridge.timeout", "soon")).isEqualTo("modelbridge.timeout");
    assertThat(keyOf("modelbridge.retry.maxRetries", "-1")).isEqualTo("modelbridge.retry.maxRetries");
    assertThat(keyOf("modelbridge.retry.jitter", "2")).isEqualTo("modelbridge.retry.jitter");
    assertThat(keyOf("modelbridge.cache.enabled", "yes")).isEqualTo("modelbridge.cache.enabled");
    assertThat(keyOf("modelbridge.providers[0].type", "gpt")).isEqualTo("modelbridge.providers[0].type");
    assertThat(keyOf("modelbridge.degraded", "maybe")).isEqualTo("modelbridge.degraded");
    assertThat(keyOf("other.key", "1")).isEqualTo("other.key");
    assertThat(keyOf("modelbridge.rateLimit.period", "1s")).isEqualTo("modelbridge.rateLimit.calls");
  }

  @Test
  void noProvider_failsAtStartUp() {
    Properties p = new Properties();
    p.setProperty("modelbridge.timeout", "2s");
    GatewayConfigException e = catchThrowableOfType(() -> ModelGateway.fromConfig(p), GatewayConfigException.class);
    assertThat(e.key()).isEqualTo("modelbridge.providers[0].type");
  }

  @Test
  void environmentReference_toAnUnsetVariable_namesTheKey() {
    Properties p = new Properties();
    p.setProperty("modelbridge.providers[0].type", "openai");
    p.setProperty("modelbridge.providers[0].apiKey", "${env:MODELBRIDGE_SURELY_UNSET_VARIABLE}");
    GatewayConfigException e = catchThrowableOfType(() -> ModelGateway.fromConfig(p), GatewayConfigException.class);
    assertThat(e.key()).isEqualTo("modelbridge.providers[0].apiKey");
    assertThat(e.getMessage()).contains("MODELBRIDGE_SURELY_UNSET_VARIABLE");
  }

  @Test
  void openAiProviderWithoutBaseUrl_namesTheMissingKey() {
    Properties p = new Properties();
    p.setProperty("modelbridge.providers[0].type", "openai");
    p.setProperty("modelbridge.providers[0].model", "m");
    GatewayConfigException e = catchThrowableOfType(() -> ModelGateway.fromConfig(p), GatewayConfigException.class);
    assertThat(e.key()).isEqualTo("modelbridge.providers[0].baseUrl");
  }

  private static String keyOf(String key, String value) {
    Properties p = new Properties();
    p.setProperty(key, value);
    return catchThrowableOfType(() -> ModelGateway.fromConfig(p), GatewayConfigException.class).key();
  }

  @Test
  void duplicateKeyInYaml_isRefusedNamingFileLineAndKey() throws IOException {
    Path file = dir.resolve("gateway.yaml");
    Files.writeString(file, "modelbridge:\n  retry:\n    maxRetries: 1\n    maxRetries: 5\n  providers:\n"
        + "    - type: offline\n");
    GatewayConfigException e = catchThrowableOfType(() -> ModelGateway.fromConfig(file), GatewayConfigException.class);
    assertThat(e.key()).isEqualTo("modelbridge.retry.maxRetries");
    assertThat(e.getMessage()).contains(file.toString(), "line 4", "duplicate key 'maxRetries'");
  }

  @Test
  void duplicateKeyInProperties_isRefusedNamingFileAndKey() throws IOException {
    Path file = dir.resolve("gateway.properties");
    Files.writeString(file, "modelbridge.providers[0].type=offline\nmodelbridge.timeout=2s\nmodelbridge.timeout=20s\n");
    GatewayConfigException e = catchThrowableOfType(() -> ModelGateway.fromConfig(file), GatewayConfigException.class);
    assertThat(e.key()).isEqualTo("modelbridge.timeout");
    assertThat(e.getMessage()).contains(file.toString(), "duplicate key");
  }

  @Test
  void yamlSyntaxError_namesFileAndLine() throws IOException {
    Path file = dir.resolve("gateway.yaml");
    Files.writeString(file, "modelbridge:\n  providers:\n    - type: offline\n  retry: {maxRetries: 1\n");
    GatewayConfigException e = catchThrowableOfType(() -> ModelGateway.fromConfig(file), GatewayConfigException.class);
    assertThat(e.getMessage()).startsWith("Gateway configuration " + file + ", line ").contains("column",
        "not well-formed YAML");
  }

  @Test
  void badValueInYaml_namesFileAndLineOfTheKey() throws IOException {
    Path file = dir.resolve("gateway.yaml");
    Files.writeString(file, "modelbridge:\n  providers:\n    - type: offline\n  retry:\n    maxRetries: -1\n");
    GatewayConfigException e = catchThrowableOfType(() -> ModelGateway.fromConfig(file), GatewayConfigException.class);
    assertThat(e.key()).isEqualTo("modelbridge.retry.maxRetries");
    assertThat(e.getMessage()).startsWith("Gateway configuration " + file + ", line 5, column 5 (key "
        + "'modelbridge.retry.maxRetries'): ");
  }
}

package io.modelbridge.core.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import io.modelbridge.adapters.spi.AdapterDescriptor;
import io.modelbridge.adapters.spi.Effect;
import io.modelbridge.adapters.spi.EntitySchema;
import io.modelbridge.adapters.spi.FieldSchema;
import io.modelbridge.adapters.spi.FieldType;
import io.modelbridge.adapters.spi.Health;
import io.modelbridge.adapters.spi.OperationDescriptor;
import io.modelbridge.adapters.spi.OperationKind;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.RecordStream;
import io.modelbridge.adapters.spi.SpiVersion;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.adapters.spi.SystemKind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A database enum reaches the model as a JSON Schema enum, a uuid with its format (issue 10, items 3 and 4). */
class ToolSchemasEnumTest {

  private static final FieldSchema RATING = FieldSchema.optional("rating", FieldType.STRING)
      .withAllowedValues(List.of("G", "PG-13"));
  private static final FieldSchema UID = FieldSchema.optional("uid", FieldType.STRING).withFormat("uuid");

  private static final SystemAdapter FILMS = new SystemAdapter() {
    @Override
    public AdapterDescriptor descriptor() {
      EntitySchema film = new EntitySchema("film", List.of(FieldSchema.required("id", FieldType.INTEGER), RATING, UID),
          List.of("id"), Optional.empty(), "");
      return new AdapterDescriptor(SpiVersion.CURRENT, "dvd", SystemKind.OTHER, List.of(film), List.of(
          new OperationDescriptor("film.query", "film", OperationKind.QUERY, Effect.READ, false,
              List.of(RATING, UID), "Finds films")));
    }

    @Override
    public RecordStream execute(OperationRequest request) {
      return RecordStream.of(List.of());
    }

    @Override
    public Health health() {
      return new Health(Health.Status.UP, "up", Duration.ZERO);
    }

    @Override
    public void close() {}
  };

  @Test
  void allowedValues_becomeAnEnumSchema_formatIsDescribed() {
    ToolSpecification spec = GovernedTools.builder().adapter(FILMS).build()
        .toolSpecifications(GovernedToolsTest.VIEWER).get(0);
    assertThat(spec.parameters().properties().get("rating")).isInstanceOf(JsonEnumSchema.class);
    assertThat(((JsonEnumSchema) spec.parameters().properties().get("rating")).enumValues())
        .containsExactly("G", "PG-13");
    assertThat(((JsonStringSchema) spec.parameters().properties().get("uid")).description()).contains("uuid");
  }
}

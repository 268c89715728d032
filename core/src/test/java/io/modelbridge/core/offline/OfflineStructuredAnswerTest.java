package io.modelbridge.core.offline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.junit.jupiter.api.Test;

/** The offline model's JSON answers for requests with a JSON response format, with LangChain4j's own types. */
class OfflineStructuredAnswerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CATALOGUE = "Products (JSON):\n{\"products\": ["
      + "{\"sku\": \"D-101\", \"name\": \"Linen dress\", \"stock\": 4, \"price\": 59.90},"
      + "{\"sku\": \"A-211\", \"name\": \"Coral beads\", \"stock\": 0, \"price\": 19.00},"
      + "{\"sku\": \"A-203\", \"name\": \"Coral sandals\", \"stock\": 7, \"price\": 39.00},"
      + "{\"sku\": \"A-202\", \"name\": \"Rattan bag\", \"stock\": 2, \"price\": 45.00},"
      + "{\"sku\": \"A-207\", \"name\": \"Straw hat\", \"stock\": 5, \"price\": 25.00}]}\n"
      + "Glossary:\n- in stock: the product's stock is above zero\n"
      + "Best in-stock matches:\n- A-203, Coral sandals, 39.00 EUR\n- A-202, Rattan bag, 45.00 EUR\n";

  private final OfflineChatModel model = new OfflineChatModel();

  private static JsonSchema schema(JsonObjectSchema root) {
    return JsonSchema.builder().name("answer").rootElement(root).build();
  }

  private ChatResponse ask(JsonSchema schema, String... userTexts) {
    ChatRequest.Builder b = ChatRequest.builder()
        .responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(schema).build());
    java.util.List<dev.langchain4j.data.message.ChatMessage> msgs = new java.util.ArrayList<>();
    msgs.add(SystemMessage.from("Reply with one JSON object."));
    for (String t : userTexts) {
      msgs.add(UserMessage.from(t));
    }
    return model.chat(b.messages(msgs).build());
  }

  private static JsonNode json(ChatResponse r) throws Exception {
    return JSON.readTree(r.aiMessage().text());
  }

  private static JsonObjectSchema recommendations(String arrayDescription) {
    return JsonObjectSchema.builder()
        .addProperty("recommendations", JsonArraySchema.builder().description(arrayDescription)
            .items(JsonObjectSchema.builder()
                .addStringProperty("sku").addStringProperty("reason").addNumberProperty("discount")
                .required("sku", "reason", "discount").additionalProperties(false).build())
            .build())
        .addStringProperty("message")
        .required("recommendations").additionalProperties(false).build();
  }

  @Test
  void arrayOfObjects_takesTheListedCandidatesInTheirOrder_withLabelledReasons() throws Exception {
    ChatResponse r = ask(schema(recommendations(null)), "Which accessories go with my dress?\n" + CATALOGUE);
    JsonNode answer = json(r);

    assertThat(r.modelName()).isEqualTo(OfflineChatModel.NAME);
    assertThat(answer.fieldNames()).toIterable().containsExactly("recommendations", "message");
    JsonNode recs = answer.get("recommendations");
    assertThat(recs).hasSize(2);
    assertThat(recs.get(0).get("sku").asText()).isEqualTo("A-203");
    assertThat(recs.get(1).get("sku").asText()).isEqualTo("A-202");
    for (JsonNode rec : recs) {
      assertThat(rec.fieldNames()).toIterable().containsExactly("sku", "reason", "discount");
      assertThat(rec.get("reason").asText()).startsWith(OfflineChatModel.LABEL).hasSizeLessThanOrEqualTo(200);
      assertThat(rec.get("discount").isNumber()).isTrue();
      assertThat(rec.get("discount").decimalValue()).isZero();
    }
    assertThat(answer.get("message").asText()).startsWith(OfflineChatModel.LABEL);
  }

  @Test
  void withoutAListOfCandidates_theRecordsInOrder_upToTheMaximumInTheDescription() throws Exception {
    String data = CATALOGUE.substring(0, CATALOGUE.indexOf("Glossary"));
    JsonNode three = json(ask(schema(recommendations(null)), "Recommend.\n" + data)).get("recommendations");
    JsonNode two = json(ask(schema(recommendations("at most 2 items")), "Recommend.\n" + data)).get("recommendations");

    assertThat(three).hasSize(StructuredAnswer.DEFAULT_MAX_ITEMS);
    assertThat(three.get(0).get("sku").asText()).isEqualTo("D-101");
    assertThat(three.get(1).get("sku").asText()).isEqualTo("A-211");
    assertThat(two).hasSize(2);
  }

  @Test
  void arrayOfIdStrings_andFieldsOfTheSameName() throws Exception {
    JsonObjectSchema root = JsonObjectSchema.builder()
        .addProperty("skus", JsonArraySchema.builder().items(new JsonStringSchema()).build())
        .addIntegerProperty("stock")
        .addProperty("available", new JsonBooleanSchema())
        .addProperty("price", JsonNumberSchema.builder().build())
        .addProperty("tier", JsonEnumSchema.builder().enumValues("gold", "silver").build())
        .addStringProperty("optionalNote")
        .required("skus", "stock", "available", "price", "tier").build();
    JsonNode answer = json(ask(schema(root), "Pick.\n" + CATALOGUE));

    assertThat(answer.get("skus")).extracting(JsonNode::asText).containsExactly("A-203", "A-202");
    assertThat(answer.get("stock").isIntegralNumber()).isTrue();
    assertThat(answer.get("stock").asInt()).isEqualTo(7); // the first candidate's field of the same name
    assertThat(answer.get("price").decimalValue()).isEqualByComparingTo("39.00");
    assertThat(answer.get("available").isBoolean()).isTrue();
    assertThat(answer.get("tier").asText()).isEqualTo("gold");
    assertThat(answer.has("optionalNote")).isFalse();
  }

  @Test
  void dateField_takesTheDateNearestAWordOfItsName() throws Exception {
    JsonObjectSchema root = JsonObjectSchema.builder()
        .addStringProperty("orderId").addStringProperty("proposedDate").addStringProperty("reason")
        .required("orderId", "proposedDate", "reason").additionalProperties(false).build();
    String context = "Order 10264 is late.\nERP: {\"order_id\": \"10264\", \"required_date\": \"1996-08-21\","
        + " \"shipped_date\": \"1996-08-23\"}\nCRM: order 10264, promised date 1996-08-30, status late";
    JsonNode answer = json(ask(schema(root), context));

    assertThat(answer.get("orderId").asText()).isEqualTo("10264");
    assertThat(answer.get("proposedDate").asText()).isEqualTo("1996-08-30");
    assertThat(answer.get("reason").asText()).startsWith(OfflineChatModel.LABEL);

    JsonObjectSchema shipped = JsonObjectSchema.builder().addStringProperty("shippedDate").required("shippedDate").build();
    assertThat(json(ask(schema(shipped), context)).get("shippedDate").asText()).isEqualTo("1996-08-23");
  }

  @Test
  void nestedRecordFields_andAnIdSuffix_areFound() throws Exception {
    JsonObjectSchema root = JsonObjectSchema.builder()
        .addIntegerProperty("order").addStringProperty("correctedDueDate").addStringProperty("reason")
        .required("order", "correctedDueDate", "reason").build();
    String tool = "{\"records\":[{\"key\":{\"order_id\":10264},\"version\":\"1\",\"fields\":{\"order_id\":10264,"
        + "\"required_date\":\"1996-08-21\",\"shipped_date\":\"1996-08-23\"}}]}";
    JsonNode answer = json(model.chat(ChatRequest.builder()
        .responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(schema(root)).build())
        .messages(SystemMessage.from("ERP required date 1996-08-21, CRM promised date 1996-09-04 for order 10264."),
            UserMessage.from("Order 10264 arrived late."), UserMessage.from(tool))
        .build()));

    assertThat(answer.get("order").isIntegralNumber()).isTrue();
    assertThat(answer.get("order").asLong()).isEqualTo(10264L);
    assertThat(answer.get("correctedDueDate").asText()).isEqualTo("1996-09-04");
  }

  @Test
  void sameRequest_sameAnswer_andEarlierAnswersInTheConversationAreIgnored() {
    String first = ask(schema(recommendations(null)), "Recommend.\n" + CATALOGUE).aiMessage().text();
    String again = ask(schema(recommendations(null)), "Recommend.\n" + CATALOGUE).aiMessage().text();
    ChatResponse retried = model.chat(ChatRequest.builder()
        .responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON)
            .jsonSchema(schema(recommendations(null))).build())
        .messages(SystemMessage.from("Reply with one JSON object."), UserMessage.from("Recommend.\n" + CATALOGUE),
            AiMessage.from("{\"recommendations\": [{\"sku\": \"X-1\"}]}"), UserMessage.from("Refused: try again."))
        .build());

    assertThat(again).isEqualTo(first);
    assertThat(retried.aiMessage().text()).isEqualTo(first);
  }

  @Test
  void jsonWithoutSchema_isOneLabelledAnswer_andTextFormatStaysProse() throws Exception {
    ChatResponse plainJson = model.chat(ChatRequest.builder().responseFormat(ResponseFormat.JSON)
        .messages(UserMessage.from("Which orders are open?\n- SO-1 open\n- SO-2 open")).build());
    ChatResponse text = model.chat(ChatRequest.builder().responseFormat(ResponseFormat.TEXT)
        .messages(UserMessage.from("Which orders are open?\n- SO-1 open\n- SO-2 open")).build());

    assertThat(json(plainJson).get("answer").asText()).startsWith(OfflineChatModel.LABEL);
    assertThat(text.aiMessage().text()).startsWith("[offline model] You asked: \"Which orders are open?\"")
        .contains("2 records (bullet list)");
  }

  @Test
  void noRecords_givesEmptyArrays_notInventedIds() throws Exception {
    JsonNode answer = json(ask(schema(recommendations(null)), "Hello there"));
    assertThat(answer.get("recommendations")).isEmpty();
    assertThat(answer.get("message").asText()).contains("no records");
  }
}

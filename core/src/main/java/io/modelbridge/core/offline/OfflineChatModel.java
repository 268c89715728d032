package io.modelbridge.core.offline;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.modelbridge.json.DataJson;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The built-in offline model: a deterministic {@link ChatModel} that needs no network. It answers from the
 * context it is given: it finds the records in the messages (JSON arrays or objects, delimited lines with a
 * header, bullet lists), lists them and summarises them (how many, which fields, totals of numeric fields),
 * and repeats the question it answers.
 *
 * <p>When the request asks for JSON ({@link ResponseFormat} of type {@link ResponseFormatType#JSON}), the
 * answer is one JSON object instead: with a {@code JsonSchema}, it conforms to the schema's types and
 * required properties, each value taken from the context by fixed rules (ids of the listed candidate records,
 * a date near a word of the property's name, record fields of the same name, otherwise 0, false or the first
 * enum value); text properties start with {@link #LABEL}. Without a schema it is
 * {@code {"answer": "[offline model] ..."}}. The model name stays {@value #NAME}.
 *
 * <p>Every prose answer starts with {@link #LABEL}, so nobody mistakes it for a
 * language model. It never calls tools; it names the tools it was offered. Token usage is estimated at four
 * characters a token.
 *
 * <p>Used as the embedded default of the demo and as the gateway's last-resort degraded responder, under the
 * provider name {@value #NAME}. Thread-safe.
 */
public final class OfflineChatModel implements ChatModel {

  /** The provider name of the offline model. */
  public static final String NAME = "offline";

  /** The label every answer starts with. */
  public static final String LABEL = "[offline model]";

  private static final int MAX_LISTED = 10;
  private static final int MAX_QUESTION = 200;
  // Context JSON written by people or other tools may end a list with a comma: accepted here, and only here.
  private static final ObjectReader JSON = DataJson.reader().with(JsonReadFeature.ALLOW_TRAILING_COMMA);
  static final Pattern BULLET = Pattern.compile("^\\s*(?:[-*\u2022]|\\d+[.)])\\s+(.+)$");
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");

  /** A new offline model; it has no settings. */
  public OfflineChatModel() {}

  /** Answers {@code request} from its own content; never throws for any well-formed request. */
  @Override
  public ChatResponse doChat(ChatRequest request) {
    String question = "";
    StringBuilder context = new StringBuilder();
    long inputChars = 0;
    for (ChatMessage m : request.messages()) {
      String text = text(m);
      inputChars += text.length();
      context.append(text).append('\n');
      if (m instanceof UserMessage) {
        question = firstLine(text);
      }
    }
    ResponseFormat format = request.responseFormat();
    String answer = format != null && format.type() == ResponseFormatType.JSON
        ? StructuredAnswer.build(format.jsonSchema(), structuredContext(request.messages()))
        : answer(question, context.toString(), request.toolSpecifications());
    int in = (int) Math.min(Integer.MAX_VALUE, (inputChars + 3) / 4);
    int out = (answer.length() + 3) / 4;
    return ChatResponse.builder()
        .aiMessage(AiMessage.from(answer))
        .modelName(NAME)
        .tokenUsage(new TokenUsage(in, out))
        .finishReason(FinishReason.STOP)
        .build();
  }

  /** The context for a structured answer: what the caller gave, without earlier answers of the model. */
  private static String structuredContext(List<ChatMessage> messages) {
    StringBuilder context = new StringBuilder();
    for (ChatMessage m : messages) {
      if (!(m instanceof AiMessage)) {
        context.append(text(m)).append('\n');
      }
    }
    return context.toString();
  }

  private static String answer(String question, String context, List<ToolSpecification> tools) {
    StringBuilder sb = new StringBuilder(LABEL).append(' ');
    if (!question.isEmpty()) {
      sb.append("You asked: \"").append(question).append("\"\n");
    } else {
      sb.append("No question was given.\n");
    }
    Found found = findRecords(context);
    if (found.records.isEmpty()) {
      sb.append("The request contains no records I can list (JSON, delimited lines with a header, or a bullet list). ")
          .append("I am the built-in offline model and answer only from the data in the request; ")
          .append("configure a provider for full answers.");
    } else {
      List<Map<String, String>> records = found.records;
      sb.append("I found ").append(records.size()).append(records.size() == 1 ? " record" : " records")
          .append(" (").append(found.source).append(')');
      Set<String> fields = new LinkedHashSet<>();
      records.forEach(r -> fields.addAll(r.keySet()));
      if (!(fields.size() == 1 && fields.contains("item"))) {
        sb.append(" with fields: ").append(String.join(", ", fields));
      }
      sb.append(".\n");
      for (int i = 0; i < Math.min(MAX_LISTED, records.size()); i++) {
        sb.append(i + 1).append(". ").append(describe(records.get(i))).append('\n');
      }
      if (records.size() > MAX_LISTED) {
        sb.append("... and ").append(records.size() - MAX_LISTED).append(" more.\n");
      }
      Map<String, BigDecimal> totals = totals(records, fields);
      if (!totals.isEmpty()) {
        sb.append("Totals: ");
        List<String> parts = new ArrayList<>();
        totals.forEach((f, t) -> parts.add(f + " = " + t.toPlainString()));
        sb.append(String.join(", ", parts)).append(".\n");
      }
      sb.setLength(sb.length() - 1);
    }
    if (tools != null && !tools.isEmpty()) {
      List<String> names = new ArrayList<>();
      tools.forEach(t -> names.add(t.name()));
      sb.append("\nTools offered but not called offline: ").append(String.join(", ", names)).append('.');
    }
    return sb.toString();
  }

  record Found(List<Map<String, String>> records, String source) {}

  static Found findRecords(String context) {
    Found json = fromJson(context);
    if (json != null) {
      return json;
    }
    Found delimited = fromDelimited(context);
    if (delimited != null) {
      return delimited;
    }
    List<Map<String, String>> bullets = new ArrayList<>();
    for (String line : context.split("\n")) {
      var m = BULLET.matcher(line);
      if (m.matches()) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("item", m.group(1).trim());
        bullets.add(r);
      }
    }
    return new Found(bullets, "bullet list");
  }

  private static Found fromJson(String context) {
    for (int i = 0; i < context.length(); i++) {
      char c = context.charAt(i);
      if (c != '[' && c != '{') {
        continue;
      }
      int end = matching(context, i);
      if (end < 0) {
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(context.substring(i, end + 1));
      } catch (java.io.IOException | RuntimeException notJson) {
        continue;
      }
      List<Map<String, String>> records = records(node);
      if (!records.isEmpty()) {
        return new Found(records, source(node));
      }
      i = end;
    }
    return null;
  }

  private static String source(JsonNode node) {
    if (node.isArray()) {
      return "JSON array";
    }
    var fields = node.fields();
    while (fields.hasNext()) {
      var f = fields.next();
      if (f.getValue().isArray() && f.getValue().size() > 0 && f.getValue().get(0).isObject()) {
        return "JSON array '" + f.getKey() + "'";
      }
    }
    return "JSON object";
  }

  private static List<Map<String, String>> records(JsonNode node) {
    List<Map<String, String>> out = new ArrayList<>();
    if (node.isArray()) {
      for (JsonNode e : node) {
        if (e.isObject()) {
          out.add(flat(e));
        } else if (e.isValueNode()) {
          Map<String, String> r = new LinkedHashMap<>();
          r.put("item", value(e));
          out.add(r);
        }
      }
    } else if (node.isObject()) {
      // An object wrapping a list of records ({"orders": [...]}) is that list; otherwise it is one record.
      Iterator<JsonNode> values = node.elements();
      while (values.hasNext()) {
        JsonNode v = values.next();
        if (v.isArray() && v.size() > 0 && v.get(0).isObject()) {
          return records(v);
        }
      }
      if (node.size() > 0) {
        out.add(flat(node));
      }
    }
    return out;
  }

  private static Map<String, String> flat(JsonNode object) {
    Map<String, String> r = new LinkedHashMap<>();
    object.fields().forEachRemaining(f ->
        r.put(f.getKey(), value(f.getValue())));
    return r;
  }

  private static String value(JsonNode v) {
    if (v.isBigDecimal()) {
      return v.decimalValue().toPlainString();
    }
    return v.isValueNode() ? v.asText() : v.toString();
  }

  private static int matching(String s, int start) {
    int depth = 0;
    boolean inString = false;
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '[' || c == '{') {
        depth++;
      } else if (c == ']' || c == '}') {
        depth--;
        if (depth == 0) {
          return i;
        }
      }
    }
    return -1;
  }

  private static Found fromDelimited(String context) {
    String[] lines = context.split("\n");
    for (char d : new char[] {',', ';', '\t', '|'}) {
      for (int i = 0; i < lines.length; i++) {
        int columns = columns(lines[i], d);
        if (columns < 2) {
          continue;
        }
        int j = i + 1;
        while (j < lines.length && columns(lines[j], d) == columns) {
          j++;
        }
        if (j - i >= 2) {
          String[] header = cells(lines[i], d);
          boolean headerLooksLikeNames = true;
          for (String h : header) {
            if (h.isEmpty() || NUMBER.matcher(h).matches()) {
              headerLooksLikeNames = false;
            }
          }
          List<Map<String, String>> out = new ArrayList<>();
          for (int k = headerLooksLikeNames ? i + 1 : i; k < j; k++) {
            String[] cells = cells(lines[k], d);
            Map<String, String> r = new LinkedHashMap<>();
            for (int c = 0; c < cells.length; c++) {
              r.put(headerLooksLikeNames ? header[c] : "column" + (c + 1), cells[c]);
            }
            out.add(r);
          }
          String name = d == '\t' ? "tab" : String.valueOf(d);
          return new Found(out, "lines delimited by '" + name + "'");
        }
        i = j - 1;
      }
    }
    return null;
  }

  private static int columns(String line, char d) {
    String l = line.strip();
    if (l.isEmpty()) {
      return 0;
    }
    int n = 1;
    for (int i = 0; i < l.length(); i++) {
      if (l.charAt(i) == d) {
        n++;
      }
    }
    return n;
  }

  private static String[] cells(String line, char d) {
    String l = line.strip();
    if (d == '|' && l.startsWith("|") && l.endsWith("|") && l.length() > 1) {
      l = l.substring(1, l.length() - 1);
    }
    String[] parts = l.split(Pattern.quote(String.valueOf(d)), -1);
    for (int i = 0; i < parts.length; i++) {
      parts[i] = parts[i].strip();
    }
    return parts;
  }

  private static Map<String, BigDecimal> totals(List<Map<String, String>> records, Set<String> fields) {
    Map<String, BigDecimal> totals = new LinkedHashMap<>();
    for (String f : fields) {
      if (f.equalsIgnoreCase("id") || f.toLowerCase(java.util.Locale.ROOT).endsWith("id")) {
        continue;
      }
      BigDecimal sum = BigDecimal.ZERO;
      boolean numeric = true;
      int seen = 0;
      for (Map<String, String> r : records) {
        String v = r.get(f);
        if (v == null || v.isEmpty()) {
          continue;
        }
        if (!NUMBER.matcher(v).matches()) {
          numeric = false;
          break;
        }
        sum = sum.add(new BigDecimal(v));
        seen++;
      }
      if (numeric && seen > 0) {
        totals.put(f, sum);
      }
    }
    return totals;
  }

  private static String describe(Map<String, String> record) {
    if (record.size() == 1 && record.containsKey("item")) {
      return record.get("item");
    }
    List<String> parts = new ArrayList<>();
    record.forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(", ", parts);
  }

  private static String text(ChatMessage m) {
    if (m instanceof UserMessage) {
      UserMessage u = (UserMessage) m;
      return u.hasSingleText() ? u.singleText() : "";
    }
    if (m instanceof SystemMessage) {
      return ((SystemMessage) m).text();
    }
    if (m instanceof ToolExecutionResultMessage) {
      return ((ToolExecutionResultMessage) m).text();
    }
    if (m instanceof AiMessage) {
      String t = ((AiMessage) m).text();
      return t == null ? "" : t;
    }
    return "";
  }

  private static String firstLine(String text) {
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (!l.isEmpty()) {
        return l.length() > MAX_QUESTION ? l.substring(0, MAX_QUESTION) + "..." : l;
      }
    }
    return "";
  }
}

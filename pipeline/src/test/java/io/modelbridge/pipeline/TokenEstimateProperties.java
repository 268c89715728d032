package io.modelbridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.openai.OpenAiTokenCountEstimator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The default estimate is an upper bound of a real byte-level BPE tokenizer's count (OpenAI's o200k and
 * cl100k encodings through LangChain4j's own estimator), for any text: so a prompt within budget by the
 * estimate is within the window.
 */
class TokenEstimateProperties {

  static final OpenAiTokenCountEstimator O200K = new OpenAiTokenCountEstimator("gpt-4o-mini");
  static final OpenAiTokenCountEstimator CL100K = new OpenAiTokenCountEstimator("gpt-4");
  static final UpperBoundTokenEstimator ESTIMATE = UpperBoundTokenEstimator.INSTANCE;

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(400),
        Arbitraries.strings().ascii().ofMaxLength(400),
        Arbitraries.strings().withCharRange('\u4e00', '\u9fff').ofMaxLength(200),
        Arbitraries.strings().withChars("0123456789.,:{}[]\"-").ofMaxLength(400),
        Arbitraries.strings().withCharRange('\u0000', '\u007f').withCharRange('\ud800', '\udfff').ofMaxLength(200));
  }

  @Property(tries = 400)
  void estimateOfAnyText_isNeverBelowTheTokenizersCount(@ForAll("texts") String text) {
    int estimate = ESTIMATE.estimateTokenCountInText(text);
    // The tokenizer takes only well-formed UTF-16; a lone surrogate goes over the wire as U+FFFD.
    String sent = wellFormed(text);
    assertThat(estimate).isGreaterThanOrEqualTo(O200K.estimateTokenCountInText(sent));
    assertThat(estimate).isGreaterThanOrEqualTo(CL100K.estimateTokenCountInText(sent));
  }

  @Property(tries = 200)
  void estimateOfAnyRequest_isNeverBelowTheTokenizersCount(@ForAll("texts") String system,
      @ForAll("texts") String user) {
    List<ChatMessage> messages = List.of(SystemMessage.from("s" + wellFormed(system)),
        UserMessage.from("u" + wellFormed(user)));
    int estimate = ESTIMATE.estimateTokenCountInMessages(messages);
    assertThat(estimate).isGreaterThanOrEqualTo(O200K.estimateTokenCountInMessages(messages));
    assertThat(estimate).isGreaterThanOrEqualTo(CL100K.estimateTokenCountInMessages(messages));
  }

  static String wellFormed(String s) {
    return s.replaceAll("[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]", "\ufffd");
  }

  @Test
  void estimate_isTheUtf8ByteCount() {
    for (String s : List.of("", "order 42", "Grüße", "顧客", "📦", "\ud800 lone")) {
      int bytes = s.replace("\ud800", "\ufffd").getBytes(StandardCharsets.UTF_8).length;
      assertThat(ESTIMATE.estimateTokenCountInText(s)).as(s).isEqualTo(bytes);
    }
  }
}

package io.modelbridge.security.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.modelbridge.json.DataJson;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The signed anchor record an {@link AnchorStore} keeps per checkpoint:
 * {@code {"seq":N,"hash":"<64 hex>","closing":"true|false","ts":"...","alg":"...","sig":"BASE64"}}, where
 * sig signs {@code modelbridge-audit-anchor|v1|<seq>|<hash>|<closing>} with the checkpoint key.
 */
final class AnchorRecords {

  /** A record read back and checked. */
  record Signed(Anchor anchor, boolean closing) {}

  private AnchorRecords() {}

  static String encode(Anchor anchor, boolean closing, String ts, CheckpointKey key) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("seq", anchor.seq());
    r.put("hash", anchor.hash());
    r.put("closing", Boolean.toString(closing));
    r.put("ts", ts);
    r.put("alg", key.algorithm());
    r.put("sig", Base64.getEncoder().encodeToString(key.sign(payload(anchor, closing))));
    return DataJson.write(r);
  }

  /**
   * Reads and checks one record.
   *
   * @throws IllegalArgumentException naming what is wrong: not a record, or a signature that does not verify
   */
  static Signed parse(String text, CheckpointKey key) {
    JsonNode r;
    try {
      r = DataJson.tree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not an anchor record (not JSON)");
    }
    if (!r.path("seq").canConvertToLong() || !r.path("hash").isTextual() || !r.path("sig").isTextual()
        || !r.path("closing").isTextual()) {
      throw new IllegalArgumentException("not an anchor record (seq, hash, closing and sig are required)");
    }
    Anchor anchor = new Anchor(r.path("seq").asLong(), r.path("hash").asText());
    boolean closing = r.path("closing").asText().equals("true");
    byte[] sig;
    try {
      sig = Base64.getDecoder().decode(r.path("sig").asText());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the anchor record's sig is not Base64");
    }
    if (!key.verify(payload(anchor, closing), sig)) {
      throw new IllegalArgumentException("the signature of the anchor for seq " + anchor.seq() + " does not verify:"
          + " the anchor was forged or edited, or the verification key is not the writer's");
    }
    return new Signed(anchor, closing);
  }

  private static byte[] payload(Anchor a, boolean closing) {
    return ("modelbridge-audit-anchor|v1|" + a.seq() + "|" + a.hash() + "|" + closing)
        .getBytes(StandardCharsets.US_ASCII);
  }
}

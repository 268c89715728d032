package io.modelbridge.security.pii;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.modelbridge.core.CallContext;
import io.modelbridge.json.DataJson;
import io.modelbridge.security.crypto.AssociatedData;
import io.modelbridge.security.pii.internal.TokenCodec;
import io.modelbridge.security.pii.internal.Vault;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;

/**
 * Applies a {@link PiiPolicy} to what a {@link PiiScanner} finds, and restores pseudonymization tokens.
 *
 * <p>Tokens live in a vault per conversation ({@link CallContext#tenant()} and
 * {@link CallContext#conversationId()}): the same value gets the same token within a conversation, two
 * values never share one. Vaults are held in memory in a bounded Caffeine cache and expire after a period
 * without use; a token whose vault expired is left as it is by {@link #restore}. Thread-safe.
 *
 * <p>Text that already contains token-like sequences ({@code <EMAIL_1>}) is escaped on the way out
 * ({@code <\EMAIL_1>}) and unescaped by {@link #restore}, so a user's literal text is never mistaken for a
 * token.
 *
 * <pre>{@code
 * PiiProtector pii = PiiProtector.defaults();
 * CallContext ctx = CallContext.of("acme", "jane", "support");
 * String safe = pii.protect("Write to jane.doe@example.com", ctx);   // "Write to <EMAIL_1>"
 * String back = pii.restore("Sent to <EMAIL_1>.", ctx);                // "Sent to jane.doe@example.com."
 * }</pre>
 */
public final class PiiProtector {

  private static final ObjectMapper JSON = DataJson.mapper();

  private final PiiScanner scanner;
  private final PiiPolicy policy;
  private final Cache<String, Vault> vaults;

  private PiiProtector(Builder b) {
    this.scanner = b.scanner;
    this.policy = b.policy;
    this.vaults = Caffeine.newBuilder()
        .maximumSize(b.maxConversations)
        .expireAfterAccess(b.expireAfterAccess)
        .build();
  }

  /** Default scanner, pseudonymize everything, 10,000 conversations kept for 2 hours after last use. */
  public static PiiProtector defaults() {
    return builder().build();
  }

  /** A builder with the defaults of {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The scanner in use. */
  public PiiScanner scanner() {
    return scanner;
  }

  private Vault vault(CallContext ctx) {
    return vaults.get(ctx.tenant() + '\u0000' + ctx.conversationId(), k -> new Vault());
  }

  /**
   * Replaces every finding in {@code text} as the policy says.
   *
   * @param text the text to protect
   * @param ctx the call, whose conversation scopes the tokens
   * @return the protected text
   * @throws PiiException if hashing or encryption fails (the message never contains the value)
   */
  public String protect(String text, CallContext ctx) {
    Objects.requireNonNull(text, "text cannot be null");
    Objects.requireNonNull(ctx, "ctx cannot be null");
    List<Finding> findings = scanner.scan(text);
    StringBuilder out = new StringBuilder(text.length() + 16 * findings.size());
    int pos = 0;
    for (Finding f : findings) {
      TokenCodec.appendEscaped(out, text, pos, f.start());
      out.append(replacement(f.type(), f.text(), ctx));
      pos = f.end();
    }
    TokenCodec.appendEscaped(out, text, pos, text.length());
    return out.toString();
  }

  /**
   * Restores the tokens this protector issued in the conversation of {@code ctx}; unknown tokens are kept
   * as they are, escaped token-like text is unescaped.
   */
  public String restore(String text, CallContext ctx) {
    Objects.requireNonNull(text, "text cannot be null");
    Objects.requireNonNull(ctx, "ctx cannot be null");
    if (text.indexOf('<') < 0) {
      return text;
    }
    Vault vault = vault(ctx);
    return TokenCodec.restore(text, vault::valueOf);
  }

  /**
   * Restores tokens in every string (values and keys) of a JSON document, such as tool-call arguments.
   * Text that is not JSON is restored as plain text.
   */
  public String restoreJson(String json, CallContext ctx) {
    return rewriteJson(json, Set.of(), ctx, s -> restore(s, ctx), false);
  }

  /**
   * Protects a JSON document: every string value is scanned; the whole value of every field whose name or
   * dotted path (array indices left out, as {@code customer.address.street}) is in {@code personalFields}
   * is replaced as {@link PiiType#PERSONAL}, whatever it contains. Text that is not JSON is protected as
   * plain text.
   */
  public String protectJson(String json, Set<String> personalFields, CallContext ctx) {
    Objects.requireNonNull(personalFields, "personalFields cannot be null");
    return rewriteJson(json, personalFields, ctx, s -> protect(s, ctx), true);
  }

  private String rewriteJson(String json, Set<String> personal, CallContext ctx, UnaryOperator<String> f,
      boolean protecting) {
    Objects.requireNonNull(json, "json cannot be null");
    Objects.requireNonNull(ctx, "ctx cannot be null");
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return f.apply(json);
    }
    if (root == null || !(root.isContainerNode())) {
      return f.apply(json);
    }
    JsonNode rewritten = walk(root, "", personal, ctx, f, protecting);
    try {
      return JSON.writeValueAsString(rewritten);
    } catch (JsonProcessingException e) {
      throw new PiiException("could not write the rewritten JSON document: " + e.getOriginalMessage(), e);
    }
  }

  private JsonNode walk(JsonNode node, String path, Set<String> personal, CallContext ctx,
      UnaryOperator<String> f, boolean protecting) {
    if (node.isObject()) {
      ObjectNode out = JSON.createObjectNode();
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String name = e.getKey();
        String childPath = path.isEmpty() ? name : path + "." + name;
        JsonNode value = e.getValue();
        String key = protecting ? name : f.apply(name);
        if (protecting && (personal.contains(name) || personal.contains(childPath)) && !value.isNull()
            && !value.isContainerNode()) {
          out.set(key, TextNode.valueOf(replacement(PiiType.PERSONAL, value.asText(), ctx)));
        } else if (protecting && (personal.contains(name) || personal.contains(childPath)) && value.isContainerNode()) {
          out.set(key, TextNode.valueOf(replacement(PiiType.PERSONAL, value.toString(), ctx)));
        } else {
          out.set(key, walk(value, childPath, personal, ctx, f, protecting));
        }
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JSON.createArrayNode();
      for (JsonNode child : node) {
        out.add(walk(child, path, personal, ctx, f, protecting));
      }
      return out;
    }
    if (node.isTextual()) {
      return TextNode.valueOf(f.apply(node.textValue()));
    }
    return node;
  }

  /**
   * Decrypts a {@code <TYPE!ciphertext>} replacement written by {@link Operator#ENCRYPT} in the same
   * tenant.
   *
   * @throws PiiException if this protector has no encryptor, the text is not such a replacement, or the
   *     ciphertext does not authenticate (altered, other tenant or type, unknown key)
   */
  public String decrypt(String replacement, CallContext ctx) {
    var enc = policy.encryptor().orElseThrow(
        () -> new PiiException("this protector's policy has no encryptor; build it with encryptor(...)", null));
    int bang = replacement.indexOf('!');
    if (!replacement.startsWith("<") || !replacement.endsWith(">") || bang < 2) {
      throw new PiiException("not an encrypted PII replacement: expected <TYPE!ciphertext>", null);
    }
    PiiType type = PiiType.of(replacement.substring(1, bang));
    try {
      return enc.decryptToString(replacement.substring(bang + 1, replacement.length() - 1),
          AssociatedData.of(ctx.tenant(), "pii:" + type.name()));
    } catch (RuntimeException e) {
      throw new PiiException("encrypted " + type + " value did not decrypt for tenant '" + ctx.tenant()
          + "': " + e.getMessage(), e);
    }
  }

  private String replacement(PiiType type, String value, CallContext ctx) {
    switch (policy.operatorFor(type)) {
      case PSEUDONYMIZE:
        return vault(ctx).tokenFor(type, value);
      case MASK:
        return Masking.mask(value);
      case REDACT:
        return "<" + type.name() + ">";
      case HASH:
        return "<" + type.name() + "#" + hmac(type, value) + ">";
      case ENCRYPT:
        try {
          return "<" + type.name() + "!" + policy.encryptor().orElseThrow().encryptToString(value,
              AssociatedData.of(ctx.tenant(), "pii:" + type.name())) + ">";
        } catch (RuntimeException e) {
          throw new PiiException("could not encrypt a " + type + " value for tenant '" + ctx.tenant() + "': "
              + e.getClass().getSimpleName(), e);
        }
      default:
        throw new IllegalStateException("unknown operator " + policy.operatorFor(type));
    }
  }

  private String hmac(PiiType type, String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(policy.hashKey().orElseThrow());
      mac.update(type.name().getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      byte[] h = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new PiiException("HMAC-SHA256 is not available or the hash key is unusable: " + e.getMessage(), e);
    }
  }

  /** Configures a {@link PiiProtector}. */
  public static final class Builder {
    private PiiScanner scanner = PiiScanner.defaults();
    private PiiPolicy policy = PiiPolicy.pseudonymizeAll();
    private long maxConversations = 10_000;
    private Duration expireAfterAccess = Duration.ofHours(2);

    private Builder() {}

    /** The scanner (default {@link PiiScanner#defaults()}). */
    public Builder scanner(PiiScanner scanner) {
      this.scanner = Objects.requireNonNull(scanner, "scanner cannot be null");
      return this;
    }

    /** The policy (default {@link PiiPolicy#pseudonymizeAll()}). */
    public Builder policy(PiiPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy cannot be null");
      return this;
    }

    /**
     * How many conversation vaults are kept at most (default 10,000); the least used are evicted.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxConversations(long max) {
      if (max <= 0) {
        throw new IllegalArgumentException("maxConversations must be positive, was " + max);
      }
      this.maxConversations = max;
      return this;
    }

    /**
     * How long a conversation's vault is kept after its last use (default 2 hours).
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder expireAfterAccess(Duration d) {
      Objects.requireNonNull(d, "expireAfterAccess cannot be null");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("expireAfterAccess must be positive, was " + d);
      }
      this.expireAfterAccess = d;
      return this;
    }

    /** Builds the protector. */
    public PiiProtector build() {
      return new PiiProtector(this);
    }
  }
}

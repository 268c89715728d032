package io.modelbridge.security.pii;

import io.modelbridge.adapters.spi.Masking;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.modelbridge.adapters.spi.FieldPath;
import io.modelbridge.adapters.spi.Masking;
import io.modelbridge.core.CallContext;
import io.modelbridge.json.DataJson;
import io.modelbridge.security.crypto.AssociatedData;
import io.modelbridge.security.pii.internal.TokenCodec;
import io.modelbridge.security.pii.internal.Vault;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * <p>Protection is idempotent: a token or other replacement already in the text is kept exactly as it is
 * (never protected again, never escaped), so the same text may pass through any number of hooks, and a
 * value pseudonymized as a personal field is replaced again wherever it recurs in the conversation (an
 * answer restored for the application and sent back as history). Token-like text that this conversation
 * did not issue ({@code <EMAIL_9>} typed by a user) is reserved: it is restored as itself and never issued
 * for a value. A token issued earlier in the conversation and typed again by hand is restored to its value.
 *
 * <pre>{@code
 * PiiProtector pii = PiiProtector.defaults();
 * CallContext ctx = CallContext.of("acme", "jane", "support");
 * String safe = pii.protect("Write to jane.doe@example.com", ctx);   // "Write to <EMAIL_1>"
 * String back = pii.restore("Sent to <EMAIL_1>.", ctx);                // "Sent to jane.doe@example.com."
 * }</pre>
 */
public final class PiiProtector {

  private static final PiiProtector SHARED = builder().build();

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

  /**
   * The protector of this JVM with the defaults of {@link #defaults()}, shared by every
   * {@link PiiHook#defaults()}: hooks on the gateway and on governed tools then use the same vaults, so a
   * token issued for a tool result is restored in the model's answer.
   */
  public static PiiProtector shared() {
    return SHARED;
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
    Vault vault = vault(ctx);
    reserveLiterals(text, vault);
    return protectIn(text, vault, ctx);
  }

  /** A replacement found in the text or to be written: [start, end) and its text. */
  private record Edit(int start, int end, String replacement) {}

  /** A replacement this conversation wrote, as the scanner sees it: [scanStart, scanEnd) for [start, end). */
  private record Issued(int scanStart, int scanEnd, int start, int end) {}

  private String protectIn(String text, Vault vault, CallContext ctx) {
    int n = text.length();
    BitSet taken = new BitSet(n);
    // Replacements this conversation wrote stay as they are. The scanner sees each token as the value it
    // stands for (and other replacements as a word), so it sees the text as the first pass saw it and finds
    // nothing new: protection is idempotent. Look-alikes from outside are scanned like any text (a card
    // number may hide in "<X!4111...>").
    List<Issued> issued = new ArrayList<>();
    StringBuilder scan = null;
    int copied = 0;
    for (int i = text.indexOf('<'); i >= 0 && i < n; i = text.indexOf('<', i + 1)) {
      int r = TokenCodec.replacementAt(text, i);
      if (r > 0 && vault.issued(text.substring(i, i + r))) {
        if (scan == null) {
          scan = new StringBuilder(n + 32);
        }
        scan.append(text, copied, i);
        String value = TokenCodec.tokenAt(text, i) == r ? vault.valueOf(text.substring(i, i + r)) : null;
        String seen = value != null ? value : "x".repeat(r);
        issued.add(new Issued(scan.length(), scan.length() + seen.length(), i, i + r));
        scan.append(seen);
        copied = i + r;
        taken.set(i, i + r);
        i += r - 1;
      }
    }
    String scanned = scan == null ? text : scan.append(text, copied, n).toString();
    List<Edit> edits = new ArrayList<>();
    // values this conversation pseudonymized as personal fields, wherever they recur (longest first)
    if (!vault.personalValues().isEmpty()) {
      List<String> known = new ArrayList<>(vault.personalValues());
      known.sort(Comparator.comparingInt(String::length).reversed());
      for (String v : known) {
        if (!worthSearching(v)) {
          continue;
        }
        for (int at = text.indexOf(v); at >= 0; at = text.indexOf(v, at + 1)) {
          int end = at + v.length();
          if (taken.get(at, end).isEmpty() && boundary(text, at - 1) && boundary(text, end)) {
            edits.add(new Edit(at, end, replacement(PiiType.PERSONAL, v, ctx)));
            taken.set(at, end);
          }
        }
      }
    }
    findings:
    for (Finding f : scanner.scan(scanned)) {
      int shift = 0;
      for (Issued r : issued) {
        if (f.start() < r.scanEnd() && f.end() > r.scanStart()) {
          continue findings; // inside or across a replacement already written
        }
        if (r.scanEnd() <= f.start()) {
          shift += (r.end() - r.start()) - (r.scanEnd() - r.scanStart());
        }
      }
      int start = f.start() + shift;
      int end = f.end() + shift;
      if (taken.get(start, end).isEmpty()) {
        edits.add(new Edit(start, end, replacement(f.type(), text.substring(start, end), ctx)));
        taken.set(start, end);
      }
    }
    if (edits.isEmpty()) {
      return text;
    }
    edits.sort(Comparator.comparingInt(Edit::start));
    StringBuilder out = new StringBuilder(n + 16 * edits.size());
    int pos = 0;
    for (Edit e : edits) {
      out.append(text, pos, e.start()).append(e.replacement());
      pos = e.end();
    }
    return out.append(text, pos, n).toString();
  }

  /** A personal value short enough to occur by chance ("A", "12") is not searched for in free text. */
  private static boolean worthSearching(String v) {
    int alnum = 0;
    for (int i = 0; i < v.length(); i++) {
      if (Character.isLetterOrDigit(v.charAt(i))) {
        alnum++;
      }
    }
    return alnum >= 3;
  }

  private static boolean boundary(String text, int i) {
    return i < 0 || i >= text.length() || !Character.isLetterOrDigit(text.charAt(i));
  }

  /** Token-like text this conversation did not issue stands for itself from now on. */
  private static void reserveLiterals(String text, Vault vault) {
    for (int i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i + 1)) {
      int t = TokenCodec.tokenAt(text, i);
      if (t > 0) {
        String token = text.substring(i, i + t);
        if (!vault.knows(token)) {
          vault.reserve(token);
        }
      }
    }
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
   * Restores tokens in every string (values and keys) of a JSON document, such as tool-call arguments or a
   * structured answer. Numbers are kept exactly (read and written by {@link DataJson}). Text that is not
   * JSON is restored as plain text.
   */
  public String restoreJson(String json, CallContext ctx) {
    Objects.requireNonNull(json, "json cannot be null");
    Objects.requireNonNull(ctx, "ctx cannot be null");
    if (json.indexOf('<') < 0) {
      return json;
    }
    JsonNode root = container(json);
    if (root == null) {
      return restore(json, ctx);
    }
    return write(rewrite(root, s -> restore(s, ctx), true));
  }

  /**
   * Protects a JSON document: every key and string value is protected as text ({@link #protect}); the whole
   * value at every path covered by one of {@code personalFields} ({@link FieldPath#covers}: the field, its
   * elements, fields below it) is replaced as {@link PiiType#PERSONAL}, whatever it contains. Paths are
   * matched against the concrete path of each value ({@code orders[3].address.street} is covered by
   * {@code orders[*].address}); an array at the top of the document is transparent (its elements are
   * matched as the document). Numbers are kept exactly; text that is not JSON is protected as plain text.
   * Idempotent, as {@link #protect} is: a value that is already a replacement is kept.
   *
   * @param json the document
   * @param personalFields the personal paths; empty for none
   * @param ctx the call, whose conversation scopes the tokens
   * @return the protected document
   */
  public String protectJson(String json, Collection<FieldPath> personalFields, CallContext ctx) {
    Objects.requireNonNull(json, "json cannot be null");
    Objects.requireNonNull(personalFields, "personalFields cannot be null");
    Objects.requireNonNull(ctx, "ctx cannot be null");
    JsonNode root = container(json);
    if (root == null) {
      return protect(json, ctx);
    }
    Vault vault = vault(ctx);
    // every literal first, so a token issued below never collides with text the document already holds
    rewrite(root, s -> {
      reserveLiterals(s, vault);
      return s;
    }, true);
    List<FieldPath> personal = List.copyOf(personalFields);
    return write(protectNode(root, FieldPath.root(), personal, vault, ctx));
  }

  private static JsonNode container(String json) {
    try {
      JsonNode root = DataJson.tree(json);
      return root != null && root.isContainerNode() ? root : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static String write(JsonNode node) {
    try {
      return DataJson.mapper().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new PiiException("could not write the rewritten JSON document: " + e.getOriginalMessage(), e);
    }
  }

  private static JsonNode rewrite(JsonNode node, UnaryOperator<String> f, boolean keys) {
    if (node.isObject()) {
      ObjectNode out = DataJson.nodes().objectNode();
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        out.set(keys ? f.apply(e.getKey()) : e.getKey(), rewrite(e.getValue(), f, keys));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = DataJson.nodes().arrayNode();
      node.forEach(child -> out.add(rewrite(child, f, keys)));
      return out;
    }
    return node.isTextual() ? TextNode.valueOf(f.apply(node.textValue())) : node;
  }

  private JsonNode protectNode(JsonNode node, FieldPath path, List<FieldPath> personal, Vault vault,
      CallContext ctx) {
    if (node.isObject()) {
      ObjectNode out = DataJson.nodes().objectNode();
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String name = e.getKey();
        // a key is matched as the system wrote it, and protected like any text before it leaves
        out.set(protectIn(name, vault, ctx), protectNode(e.getValue(), path.child(name), personal, vault, ctx));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = DataJson.nodes().arrayNode();
      int i = 0;
      for (JsonNode child : node) {
        out.add(protectNode(child, path.depth() == 0 ? path : path.element(i), personal, vault, ctx));
        i++;
      }
      return out;
    }
    if (node.isNull() || node.isMissingNode()) {
      return node;
    }
    if (path.depth() > 0 && FieldPath.anyCovers(personal, path)) {
      String text = node.isTextual() ? node.textValue() : node.asText();
      if (node.isTextual() && vault.issued(text)) {
        return node; // already a replacement this conversation wrote: protected once
      }
      // tokens inside are restored first, so the value has one token and restores in one step
      return TextNode.valueOf(replacement(PiiType.PERSONAL, TokenCodec.restore(text, vault::valueOf), ctx));
    }
    return node.isTextual() ? TextNode.valueOf(protectIn(node.textValue(), vault, ctx)) : node;
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
        return vault(ctx).issue("<" + type.name() + ">");
      case HASH:
        return vault(ctx).issue("<" + type.name() + "#" + hmac(type, value) + ">");
      case ENCRYPT:
        try {
          return vault(ctx).issue("<" + type.name() + "!" + policy.encryptor().orElseThrow().encryptToString(value,
              AssociatedData.of(ctx.tenant(), "pii:" + type.name())) + ">");
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

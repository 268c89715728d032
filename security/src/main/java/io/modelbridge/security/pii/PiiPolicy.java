package io.modelbridge.security.pii;

import io.modelbridge.security.crypto.Encryptor;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * Which {@link Operator} applies to which {@link PiiType}, with the keys the one-way and encrypting
 * operators need. Immutable; build with {@link #builder()}, derive with {@link #toBuilder()}.
 *
 * <pre>{@code
 * PiiPolicy policy = PiiPolicy.builder()
 *     .defaultOperator(Operator.PSEUDONYMIZE)
 *     .operator(PiiType.CREDIT_CARD, Operator.MASK)
 *     .build();
 * }</pre>
 */
public final class PiiPolicy {

  private final Operator defaultOperator;
  private final Map<PiiType, Operator> operators;
  private final SecretKey hashKey;
  private final Encryptor encryptor;

  private PiiPolicy(Builder b) {
    this.defaultOperator = b.defaultOperator;
    this.operators = Map.copyOf(b.operators);
    this.hashKey = b.hashKey;
    this.encryptor = b.encryptor;
  }

  /** Pseudonymize everything. */
  public static PiiPolicy pseudonymizeAll() {
    return builder().build();
  }

  /** A builder with {@link Operator#PSEUDONYMIZE} as default and no keys. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this policy's settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.defaultOperator = defaultOperator;
    b.operators.putAll(operators);
    b.hashKey = hashKey;
    b.encryptor = encryptor;
    return b;
  }

  /** The operator for a type. */
  public Operator operatorFor(PiiType type) {
    return operators.getOrDefault(type, defaultOperator);
  }

  /** The HMAC key, if one was set. */
  public Optional<SecretKey> hashKey() {
    return Optional.ofNullable(hashKey);
  }

  /** The encryptor, if one was set. */
  public Optional<Encryptor> encryptor() {
    return Optional.ofNullable(encryptor);
  }

  /** Configures a {@link PiiPolicy}. */
  public static final class Builder {
    private Operator defaultOperator = Operator.PSEUDONYMIZE;
    private final Map<PiiType, Operator> operators = new HashMap<>();
    private SecretKey hashKey;
    private Encryptor encryptor;

    private Builder() {}

    /** The operator for types without their own. */
    public Builder defaultOperator(Operator operator) {
      this.defaultOperator = Objects.requireNonNull(operator, "operator cannot be null");
      return this;
    }

    /** The operator for one type. */
    public Builder operator(PiiType type, Operator operator) {
      operators.put(Objects.requireNonNull(type, "type cannot be null"),
          Objects.requireNonNull(operator, "operator cannot be null"));
      return this;
    }

    /** The HMAC-SHA256 key of {@link Operator#HASH} (from the embedder; at least 16 bytes). */
    public Builder hashKey(SecretKey key) {
      Objects.requireNonNull(key, "key cannot be null");
      byte[] encoded = key.getEncoded();
      if (encoded == null || encoded.length < 16) {
        throw new IllegalArgumentException("hash key must have at least 16 bytes of key material");
      }
      this.hashKey = key;
      return this;
    }

    /** The encryptor of {@link Operator#ENCRYPT}, for example {@code Encryptors.aesGcm(keys)}. */
    public Builder encryptor(Encryptor encryptor) {
      this.encryptor = Objects.requireNonNull(encryptor, "encryptor cannot be null");
      return this;
    }

    /**
     * Builds the policy.
     *
     * @throws IllegalStateException if {@link Operator#HASH} is used without a hash key, or
     *     {@link Operator#ENCRYPT} without an encryptor
     */
    public PiiPolicy build() {
      boolean hash = defaultOperator == Operator.HASH || operators.containsValue(Operator.HASH);
      boolean enc = defaultOperator == Operator.ENCRYPT || operators.containsValue(Operator.ENCRYPT);
      if (hash && hashKey == null) {
        throw new IllegalStateException("operator HASH needs a hashKey(...): set one or use another operator");
      }
      if (enc && encryptor == null) {
        throw new IllegalStateException("operator ENCRYPT needs an encryptor(...): set one or use another operator");
      }
      return new PiiPolicy(this);
    }
  }
}

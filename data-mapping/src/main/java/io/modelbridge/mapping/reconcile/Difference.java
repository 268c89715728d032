package io.modelbridge.mapping.reconcile;

import java.util.Objects;

/**
 * One difference found by a {@link Reconciler}. Values of personal fields are masked ({@code ***}).
 */
public sealed interface Difference {

  /** The entity key the difference is about. */
  String key();

  /**
   * The key exists on the right side only.
   *
   * @param key the key
   */
  record MissingLeft(String key) implements Difference {
    /** Validates the component. */
    public MissingLeft {
      Objects.requireNonNull(key, "key cannot be null");
    }
  }

  /**
   * The key exists on the left side only.
   *
   * @param key the key
   */
  record MissingRight(String key) implements Difference {
    /** Validates the component. */
    public MissingRight {
      Objects.requireNonNull(key, "key cannot be null");
    }
  }

  /**
   * A field differs between the two sides after mapping and tolerance rules.
   *
   * @param key the key
   * @param path the canonical field path
   * @param left the left value as text ({@code absent} if missing), masked if personal
   * @param right the right value as text ({@code absent} if missing), masked if personal
   */
  record FieldMismatch(String key, String path, String left, String right) implements Difference {
    /** Validates the components. */
    public FieldMismatch {
      Objects.requireNonNull(key, "key cannot be null");
      Objects.requireNonNull(path, "path cannot be null");
      Objects.requireNonNull(left, "left cannot be null");
      Objects.requireNonNull(right, "right cannot be null");
    }
  }

  /**
   * A key occurs more than once on one side; the later occurrences are not compared.
   *
   * @param key the key
   * @param side {@code left} or {@code right}
   */
  record DuplicateKey(String key, String side) implements Difference {
    /** Validates the components. */
    public DuplicateKey {
      Objects.requireNonNull(key, "key cannot be null");
      Objects.requireNonNull(side, "side cannot be null");
    }
  }
}

package io.modelbridge.adapters.http;

import java.util.Objects;
import java.util.Optional;

/**
 * How a QUERY operation walks through pages. Pages are fetched lazily, one at a time, as the caller
 * iterates the returned {@link io.modelbridge.adapters.spi.RecordStream}; only the current page is held in
 * memory.
 *
 * @param type the paging style
 * @param param the query parameter that carries the cursor or page number on follow-up requests
 * @param nextPointer JSON pointer into the response to the next cursor or page number; a missing, null or
 *     empty value there ends the query. Required for {@link Type#CURSOR}; for {@link Type#PAGE} optional
 *     (without it, the query ends at the first empty page)
 * @param firstPage for {@link Type#PAGE}: the number of the first page (usually 0 or 1)
 */
public record Paging(Type type, String param, Optional<String> nextPointer, long firstPage) {

  /** Paging styles. */
  public enum Type {
    /** One request returns everything. */
    NONE,
    /** The response names an opaque cursor for the next page. */
    CURSOR,
    /** Pages are numbered. */
    PAGE
  }

  /** Validates the components. */
  public Paging {
    Objects.requireNonNull(type, "paging type cannot be null");
    Objects.requireNonNull(param, "paging param cannot be null");
    Objects.requireNonNull(nextPointer, "nextPointer cannot be null (use Optional.empty())");
    if (type != Type.NONE && param.isBlank()) {
      throw new IllegalArgumentException("paging param must not be blank for " + type + " paging");
    }
    if (type == Type.CURSOR && nextPointer.isEmpty()) {
      throw new IllegalArgumentException("cursor paging needs the JSON pointer of the next cursor");
    }
    nextPointer.ifPresent(p -> {
      if (!p.startsWith("/")) {
        throw new IllegalArgumentException("paging next pointer '" + p + "' must be a JSON pointer starting with '/'");
      }
    });
  }

  /** No paging: one request. */
  public static Paging none() {
    return new Paging(Type.NONE, "", Optional.empty(), 0);
  }

  /**
   * Cursor paging.
   *
   * @param nextPointer where the response holds the next cursor (for example {@code "/next"})
   * @param param the query parameter to send it as (for example {@code "cursor"})
   */
  public static Paging cursor(String nextPointer, String param) {
    return new Paging(Type.CURSOR, param, Optional.of(nextPointer), 0);
  }

  /** Page-number paging that ends at the first empty page. */
  public static Paging pages(String param, long firstPage) {
    return new Paging(Type.PAGE, param, Optional.empty(), firstPage);
  }

  /** Page-number paging where the response names the next page number at {@code nextPointer}. */
  public static Paging pages(String param, long firstPage, String nextPointer) {
    return new Paging(Type.PAGE, param, Optional.of(nextPointer), firstPage);
  }
}

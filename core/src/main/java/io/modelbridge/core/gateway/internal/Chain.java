package io.modelbridge.core.gateway.internal;

import io.modelbridge.core.hook.ModelAnswer;
import java.util.List;

/**
 * The rest of the gateway's ordered links from one position on. Immutable and built once per gateway: a call
 * allocates nothing to walk it.
 */
public final class Chain {

  private final Link link;
  private final Chain next;

  private Chain(Link link, Chain next) {
    this.link = link;
    this.next = next;
  }

  /**
   * The chain of {@code links}, outermost first. The last link must answer without asking further.
   *
   * @throws IllegalArgumentException if {@code links} is empty
   */
  public static Chain of(List<Link> links) {
    if (links.isEmpty()) {
      throw new IllegalArgumentException("a chain needs at least one link");
    }
    Chain chain = null;
    for (int i = links.size() - 1; i >= 0; i--) {
      chain = new Chain(links.get(i), chain);
    }
    return chain;
  }

  /** Runs the rest of the chain on {@code exchange}. */
  public ModelAnswer proceed(Exchange exchange) {
    if (link == null) {
      throw new IllegalStateException("the last link of the gateway chain asked further; it must answer");
    }
    return link.intercept(exchange, next == null ? END : next);
  }

  private static final Chain END = new Chain(null, null);
}

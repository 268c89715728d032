package io.modelbridge.mapping.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Compiled {@code matches} patterns, shared; patterns are literals from mappings and rules, never record data. */
final class Patterns {

  private static final ConcurrentHashMap<String, Pattern> CACHE = new ConcurrentHashMap<>();

  private Patterns() {}

  static Pattern compiled(String regex) {
    return CACHE.computeIfAbsent(regex, Pattern::compile);
  }
}

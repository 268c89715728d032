package io.modelbridge.mapping.internal;

import io.modelbridge.adapters.spi.FieldPath;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The personal field paths of a mapping or validator, matched against the concrete path of a value
 * ({@code lines[3].name} against {@code lines[*].name}; a personal {@code address} covers
 * {@code address.street}). Immutable.
 */
public final class PersonalPaths {

  private static final PersonalPaths NONE = new PersonalPaths(List.of());

  private final List<FieldPath> paths;

  private PersonalPaths(List<FieldPath> paths) {
    this.paths = paths;
  }

  /**
   * Parses the paths.
   *
   * @throws IllegalArgumentException if one is not a valid {@link FieldPath}
   */
  public static PersonalPaths of(Collection<String> paths) {
    if (paths.isEmpty()) {
      return NONE;
    }
    List<FieldPath> out = new ArrayList<>(paths.size());
    for (String p : paths) {
      out.add(FieldPath.parse(p));
    }
    return new PersonalPaths(List.copyOf(out));
  }

  /** Whether there is no personal path. */
  public boolean isEmpty() {
    return paths.isEmpty();
  }

  /** Whether the value at {@code concrete} is personal. */
  public boolean covers(FieldPath concrete) {
    return FieldPath.anyCovers(paths, concrete);
  }

  /**
   * Whether the value at {@code concrete} (text, as a validator reports it) is personal; text that is not a
   * valid path counts as personal when any path is, so a value is never shown by mistake.
   */
  public boolean covers(String concrete) {
    if (paths.isEmpty()) {
      return false;
    }
    try {
      return covers(FieldPath.parse(concrete));
    } catch (IllegalArgumentException e) {
      return true;
    }
  }
}

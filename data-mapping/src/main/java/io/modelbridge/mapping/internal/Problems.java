package io.modelbridge.mapping.internal;

import io.modelbridge.mapping.Violation;
import java.util.ArrayList;
import java.util.List;

/** Problems found while mapping one record, turned into violations once the record's key is known. */
final class Problems {

  record Problem(String path, String rule, String value, String message) {}

  private List<Problem> list;

  void add(String path, String rule, String value, String message) {
    if (list == null) {
      list = new ArrayList<>(2);
    }
    list.add(new Problem(path, rule, value, message));
  }

  boolean isEmpty() {
    return list == null;
  }

  Problem first() {
    return list.get(0);
  }

  List<Violation> toViolations(String key) {
    List<Violation> out = new ArrayList<>(list == null ? 0 : list.size());
    if (list != null) {
      for (Problem p : list) {
        out.add(new Violation(key, p.path(), p.rule(), p.value(), p.message()));
      }
    }
    return out;
  }
}

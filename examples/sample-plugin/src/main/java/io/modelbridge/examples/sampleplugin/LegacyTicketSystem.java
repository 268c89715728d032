package io.modelbridge.examples.sampleplugin;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The toy "legacy ticket system" the sample plugin docks: named in-memory help desks that live
 * independently of any adapter, as a real system would (an adapter connects to one by name, a test resets
 * it). Every change increments a ticket's version. Thread-safe.
 */
public final class LegacyTicketSystem {

  private static final Map<String, LegacyTicketSystem> INSTANCES = new ConcurrentHashMap<>();

  private final Map<Long, Map<String, Object>> tickets = new TreeMap<>();

  private LegacyTicketSystem() {
    reset();
  }

  /** The instance called {@code name}, created with three open demo tickets on first use. */
  public static LegacyTicketSystem named(String name) {
    return INSTANCES.computeIfAbsent(name, n -> new LegacyTicketSystem());
  }

  /** Back to the three open demo tickets, version 1 each. */
  public synchronized void reset() {
    tickets.clear();
    for (long i = 1; i <= 3; i++) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("id", i);
      t.put("subject", "Printer " + i + " jams");
      t.put("status", "OPEN");
      t.put("opened", LocalDate.of(2024, 1, 1).plusDays(i));
      t.put("reporterEmail", "user" + i + "@example.com");
      t.put("version", 1L);
      tickets.put(i, t);
    }
  }

  /** The whole state as text; equal texts mean equal states. */
  public synchronized String snapshot() {
    return tickets.toString();
  }

  /** A copy of ticket {@code id}, if it exists. */
  synchronized Optional<Map<String, Object>> find(long id) {
    Map<String, Object> t = tickets.get(id);
    return t == null ? Optional.empty() : Optional.of(new LinkedHashMap<>(t));
  }

  /** Copies of the tickets with {@code status}. */
  synchronized List<Map<String, Object>> withStatus(String status) {
    List<Map<String, Object>> out = new ArrayList<>();
    tickets.values().stream().filter(t -> t.get("status").equals(status)).forEach(t -> out.add(new LinkedHashMap<>(t)));
    return out;
  }

  /** Stores {@code ticket} if its stored version is still {@code expectedVersion}; false if it changed. */
  synchronized boolean replace(Map<String, Object> ticket, long expectedVersion) {
    Map<String, Object> current = tickets.get((Long) ticket.get("id"));
    if (current == null || !current.get("version").equals(expectedVersion)) {
      return false;
    }
    tickets.put((Long) ticket.get("id"), new LinkedHashMap<>(ticket));
    return true;
  }
}

package io.modelbridge.mapping.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.modelbridge.json.DataJson;
import io.modelbridge.mapping.CanonicalEntity;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Sorts canonical entities by key in bounded memory: runs of at most {@code runSize} entities are sorted
 * in memory and spilled to temporary files (JSON, decimals exact), then merged with a priority queue. The
 * source reference is not kept through a spill (reconciliation compares fields only). Temporary files are
 * deleted on {@link #close()}. I/O failures surface as {@link UncheckedIOException}.
 */
public final class ExternalSort implements Iterator<CanonicalEntity>, AutoCloseable {

  private final Comparator<String> order;
  private final List<Path> files = new ArrayList<>();
  private final List<Run> runs = new ArrayList<>();
  private Iterator<CanonicalEntity> memory;
  private PriorityQueue<Run> queue;

  /** Reads the whole input now, spilling as needed. */
  public ExternalSort(Iterator<CanonicalEntity> input, Comparator<String> order, int runSize, Optional<Path> tempDir) {
    this.order = order;
    Comparator<CanonicalEntity> byKey = (a, b) -> order.compare(a.key(), b.key());
    List<CanonicalEntity> buffer = new ArrayList<>();
    try {
      while (input.hasNext()) {
        buffer.add(input.next());
        if (buffer.size() >= runSize) {
          buffer.sort(byKey);
          spill(buffer, tempDir);
          buffer.clear();
        }
      }
      buffer.sort(byKey);
      if (files.isEmpty()) {
        memory = buffer.iterator();
        return;
      }
      if (!buffer.isEmpty()) {
        spill(buffer, tempDir);
        buffer.clear();
      }
      queue = new PriorityQueue<>((a, b) -> order.compare(a.head.key(), b.head.key()));
      for (Path f : files) {
        Run r = new Run(f);
        runs.add(r);
        if (r.advance()) {
          queue.add(r);
        }
      }
    } catch (IOException e) {
      close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private void spill(List<CanonicalEntity> sorted, Optional<Path> tempDir) throws IOException {
    Path f = tempDir.isPresent() ? Files.createTempFile(tempDir.get(), "reconcile-", ".json")
        : Files.createTempFile("reconcile-", ".json");
    files.add(f);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(f), 1 << 16);
        JsonGenerator g = DataJson.mapper().getFactory().createGenerator(out)) {
      for (CanonicalEntity e : sorted) {
        g.writeStartObject();
        g.writeStringField("e", e.entity());
        g.writeStringField("k", e.key());
        g.writeFieldName("f");
        DataJson.mapper().writeTree(g, DataJson.toNode(e.fields()));
        g.writeEndObject();
      }
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectReader SEQUENCE = DataJson.reader()
      .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final class Run {
    final InputStream in;
    final JsonParser parser;
    CanonicalEntity head;

    Run(Path f) throws IOException {
      this.in = new BufferedInputStream(Files.newInputStream(f), 1 << 16);
      this.parser = DataJson.mapper().getFactory().createParser(in);
    }

    boolean advance() throws IOException {
      JsonToken t = parser.nextToken();
      if (t == null) {
        head = null;
        close();
        return false;
      }
      // A run file is a sequence of values read one at a time: the next one is not a trailing token.
      com.fasterxml.jackson.databind.JsonNode node = SEQUENCE.readTree(parser);
      @SuppressWarnings("unchecked")
      Map<String, Object> fields = (Map<String, Object>) DataJson.toJava(node.get("f"));
      head = new CanonicalEntity(node.get("e").asText(), node.get("k").asText(), fields, Optional.empty());
      return true;
    }

    void close() {
      try {
        parser.close();
        in.close();
      } catch (IOException e) {
        // closing a read-only temp file cannot lose data
      }
    }
  }

  @Override
  public boolean hasNext() {
    return memory != null ? memory.hasNext() : !queue.isEmpty();
  }

  @Override
  public CanonicalEntity next() {
    if (memory != null) {
      return memory.next();
    }
    Run r = queue.poll();
    if (r == null) {
      throw new NoSuchElementException();
    }
    CanonicalEntity out = r.head;
    try {
      if (r.advance()) {
        queue.add(r);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Deletes the temporary files. */
  @Override
  public void close() {
    runs.forEach(Run::close);
    for (Path f : files) {
      try {
        Files.deleteIfExists(f);
      } catch (IOException e) {
        // a leftover temp file is harmless; the OS cleans its temp directory
      }
    }
  }
}

package io.modelbridge.pipeline.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelbridge.json.DataJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The JSON-lines {@link FeedbackStore}: one object per line, appended and flushed under a lock. */
final class FileFeedbackStore implements FeedbackStore {

  private static final ObjectMapper JSON = DataJson.mapper();
  private final Path file;

  FileFeedbackStore(Path file) {
    this.file = Objects.requireNonNull(file, "file cannot be null");
  }

  @Override
  public synchronized void record(Feedback f) {
    Objects.requireNonNull(f, "feedback cannot be null");
    ObjectNode n = JSON.createObjectNode();
    n.put("packId", f.packId()).put("packVersion", f.packVersion()).put("task", f.task())
        .put("correlationId", f.correlationId()).put("outcome", f.outcome().name()).put("at", f.at().toString());
    try {
      Files.writeString(file, n + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
    } catch (IOException e) {
      throw new FeedbackException("cannot append feedback to " + file + ": " + e.getMessage()
          + "; check the directory exists and is writable", e);
    }
  }

  @Override
  public synchronized List<Feedback> all() {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new FeedbackException("cannot read feedback file " + file + ": " + e.getMessage(), e);
    }
    List<Feedback> out = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode n = JSON.readTree(line);
        out.add(new Feedback(n.get("packId").asText(), n.get("packVersion").asText(), n.get("task").asText(),
            n.get("correlationId").asText(), Feedback.Outcome.valueOf(n.get("outcome").asText()),
            Instant.parse(n.get("at").asText())));
      } catch (IOException | RuntimeException e) {
        throw new FeedbackException("feedback file " + file + " line " + (i + 1) + " is not a feedback record ("
            + e.getClass().getSimpleName() + "); fix or remove that line", e);
      }
    }
    return out;
  }
}

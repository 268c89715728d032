package io.modelbridge.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an application asks: the pack task, the user's question, the data to fetch, and optionally the
 * subject whose live context to add.
 *
 * @param task the task name in the domain pack (for example {@code recommend-accessories})
 * @param question the user's question, in clear (the pipeline pseudonymizes it)
 * @param fetches the reads to make
 * @param subject the subject for {@link LiveContext}, if any
 */
public record PipelineRequest(String task, String question, List<Fetch> fetches, Optional<String> subject) {

  /** Validates and copies the components. */
  public PipelineRequest {
    Objects.requireNonNull(task, "task cannot be null");
    Objects.requireNonNull(question, "question cannot be null");
    fetches = List.copyOf(fetches);
    Objects.requireNonNull(subject, "subject cannot be null");
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Fetch f : fetches) {
      if (!seen.add(f.alias())) {
        throw new IllegalArgumentException("two fetches use the alias '" + f.alias() + "'; give each its own");
      }
    }
  }

  /** A builder for {@code task} and {@code question}. */
  public static Builder builder(String task, String question) {
    return new Builder(task, question);
  }

  /** Builds a {@link PipelineRequest}. */
  public static final class Builder {
    private final String task;
    private final String question;
    private final List<Fetch> fetches = new ArrayList<>();
    private String subject;

    private Builder(String task, String question) {
      this.task = Objects.requireNonNull(task, "task cannot be null");
      this.question = Objects.requireNonNull(question, "question cannot be null");
    }

    /** Adds a read. */
    public Builder fetch(Fetch fetch) {
      fetches.add(Objects.requireNonNull(fetch, "fetch cannot be null"));
      return this;
    }

    /** Sets the subject whose live context is added (for example a customer id). */
    public Builder subject(String subject) {
      this.subject = Objects.requireNonNull(subject, "subject cannot be null");
      return this;
    }

    /** The request. */
    public PipelineRequest build() {
      return new PipelineRequest(task, question, fetches, Optional.ofNullable(subject));
    }
  }
}

package io.modelbridge.adapters.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The lifecycle bookkeeping the base does for every adapter. */
class AbstractSystemAdapterTest {

  /** Counts a little, streams its numbers lazily. */
  static final class Counter extends AbstractSystemAdapter {
    static final EntitySchema N = new EntitySchema("n", List.of(FieldSchema.required("v", FieldType.INTEGER)),
        List.of("v"), Optional.empty(), "");
    final AtomicInteger released = new AtomicInteger();
    final AtomicInteger streamsClosed = new AtomicInteger();
    final List<Map<String, Object>> seen = new ArrayList<>();
    RuntimeException healthFailure;

    @Override
    public AdapterDescriptor descriptor() {
      return new AdapterDescriptor(SpiVersion.CURRENT, "count", SystemKind.OTHER, List.of(N), List.of(
          new OperationDescriptor("n.query", "n", OperationKind.QUERY, Effect.READ, false,
              List.of(FieldSchema.required("upTo", FieldType.INTEGER)), "")));
    }

    @Override
    protected RecordStream run(OperationDescriptor operation, Map<String, Object> arguments,
        OperationRequest request) {
      seen.add(arguments);
      long upTo = (Long) arguments.get("upTo");
      var it = java.util.stream.LongStream.rangeClosed(1, upTo).mapToObj(v -> new AdapterRecord(
          new SourceRef("count", "n", Map.of("v", v), Optional.empty(), Instant.now()), Map.of("v", (Object) v)))
          .iterator();
      return stream(it, streamsClosed::incrementAndGet);
    }

    @Override
    protected Health checkHealth() {
      if (healthFailure != null) {
        throw healthFailure;
      }
      return new Health(Health.Status.UP, "counting", Duration.ZERO);
    }

    @Override
    protected void release() {
      released.incrementAndGet();
    }
  }

  @Test
  void execute_bindsTheArguments_beforeRunSeesThem() {
    Counter c = new Counter();
    assertThat(c.execute(OperationRequest.of("n.query", Map.of("upTo", "3"))).toList()).hasSize(3);
    assertThat(c.seen).singleElement().isEqualTo(Map.of("upTo", 3L));
    assertThatThrownBy(() -> c.execute(OperationRequest.of("n.query", Map.of("upTo", "3.5", "x", 1))))
        .isInstanceOfSatisfying(InputRejectedException.class, e -> assertThat(e.problems()).hasSize(2));
    assertThatThrownBy(() -> c.execute(OperationRequest.of("n.delete", Map.of())))
        .isInstanceOfSatisfying(InputRejectedException.class, e -> assertThat(e.getMessage())
            .contains("is not an operation of this adapter").contains("[n.query]"));
    assertThat(c.seen).hasSize(1);
  }

  @Test
  void close_closesOpenStreams_releasesOnce_andRefusesLaterCalls() {
    Counter c = new Counter();
    RecordStream open = c.execute(OperationRequest.of("n.query", Map.of("upTo", 5)));
    open.next();
    RecordStream done = c.execute(OperationRequest.of("n.query", Map.of("upTo", 1)));
    done.toList();
    assertThat(c.openStreams()).isEqualTo(1);
    c.close();
    c.close();
    assertThat(open.hasNext()).isFalse();
    assertThat(c.streamsClosed).hasValue(2);
    assertThat(c.released).hasValue(1);
    assertThat(c.openStreams()).isZero();
    assertThatThrownBy(() -> c.execute(OperationRequest.of("n.query", Map.of("upTo", 1))))
        .isInstanceOf(SystemUnavailableException.class).hasMessageContaining("closed");
  }

  @Test
  void health_isDownWhenClosedOrWhenTheCheckThrows_andMeasured() {
    Counter c = new Counter();
    assertThat(c.health().status()).isEqualTo(Health.Status.UP);
    c.healthFailure = new IllegalStateException("secret detail");
    assertThat(c.health()).satisfies(h -> {
      assertThat(h.status()).isEqualTo(Health.Status.DOWN);
      assertThat(h.detail()).contains("IllegalStateException").doesNotContain("secret detail");
    });
    c.close();
    assertThat(c.health().detail()).contains("closed");
  }

  @Test
  void track_afterClose_closesTheStream_andSaysSo() {
    Counter c = new Counter();
    c.close();
    AtomicInteger closed = new AtomicInteger();
    RecordStream s = RecordStream.of(List.<AdapterRecord>of().iterator(), closed::incrementAndGet);
    assertThatThrownBy(() -> c.track(s)).isInstanceOf(SystemUnavailableException.class);
    assertThat(closed).hasValue(1);
  }
}

package io.modelbridge.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventChannelTest {

  private static BusinessEvent event(String subject, String type, String item) {
    return BusinessEvent.of("shop", subject, type, Map.of(BusinessEvent.ITEM, item));
  }

  @Test
  void concurrentPublishersLoseNothingAndDuplicateNothing() throws Exception {
    Set<String> seen = ConcurrentHashMap.newKeySet();
    AtomicInteger duplicates = new AtomicInteger();
    EventChannel channel = EventChannel.inProcess(64);
    channel.subscribe(e -> {
      if (!seen.add(e.id())) {
        duplicates.incrementAndGet();
      }
    });
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Integer>> rejectedPerThread = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      rejectedPerThread.add(pool.submit(() -> {
        int rejected = 0;
        for (int i = 0; i < 5_000; i++) {
          BusinessEvent e = event("c-" + thread, BusinessEvent.PAGE_VIEW, "p-" + i);
          if (i % 2 == 0) {
            channel.publish(e, Duration.ofSeconds(10));
          } else if (!channel.offer(e)) {
            rejected++;
          }
        }
        return rejected;
      }));
    }
    int rejected = 0;
    for (Future<Integer> f : rejectedPerThread) {
      rejected += f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(channel.close(Duration.ofSeconds(30))).isZero();

    ChannelMetrics m = channel.metrics();
    assertThat(m.offered()).isEqualTo(20_000);
    assertThat(m.rejected()).isEqualTo(rejected);
    assertThat(m.accepted() + m.rejected()).isEqualTo(m.offered());
    assertThat(m.delivered()).isEqualTo(m.accepted());
    assertThat(seen).hasSize((int) m.accepted());
    assertThat(duplicates).hasValue(0);
  }

  @Test
  void aFullChannelBlocksThenRejectsAndCountsIt_andTakesAgainOnceDrained() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch firstTaken = new CountDownLatch(1);
    EventChannel channel = EventChannel.inProcess(2);
    channel.subscribe(e -> {
      firstTaken.countDown();
      try {
        release.await();
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
      }
    });
    channel.publish(event("c", BusinessEvent.PAGE_VIEW, "1"), Duration.ofSeconds(1));
    assertThat(firstTaken.await(5, TimeUnit.SECONDS)).isTrue(); // the consumer holds event 1
    channel.publish(event("c", BusinessEvent.PAGE_VIEW, "2"), Duration.ofSeconds(1));
    channel.publish(event("c", BusinessEvent.PAGE_VIEW, "3"), Duration.ofSeconds(1)); // queue now full

    assertThat(channel.offer(event("c", BusinessEvent.PAGE_VIEW, "4"))).isFalse();
    assertThatThrownBy(() -> channel.publish(event("c", BusinessEvent.PAGE_VIEW, "5"), Duration.ofMillis(50)))
        .isInstanceOf(EventChannelException.class)
        .hasMessageContaining("full")
        .hasMessageContaining("counted as rejected")
        .matches(e -> ((EventChannelException) e).isRetryable());
    assertThat(channel.metrics().rejected()).isEqualTo(2);

    // A blocked publisher gets through as soon as the consumer frees space (back-pressure, not a drop).
    ExecutorService pool = Executors.newSingleThreadExecutor();
    Future<?> blocked = pool.submit(() -> channel.publish(event("c", BusinessEvent.PAGE_VIEW, "6"),
        Duration.ofSeconds(30)));
    release.countDown();
    blocked.get(30, TimeUnit.SECONDS);
    pool.shutdown();
    assertThat(channel.close(Duration.ofSeconds(10))).isZero();
    ChannelMetrics m = channel.metrics();
    assertThat(m.accepted()).isEqualTo(4);
    assertThat(m.delivered()).isEqualTo(4);
    assertThat(m.offered()).isEqualTo(m.accepted() + m.rejected());
  }

  @Test
  void aFailingConsumerIsCountedAndDoesNotStopDelivery() {
    List<String> received = new ArrayList<>();
    EventChannel channel = EventChannel.inProcess(100);
    channel.subscribe(e -> {
      if (e.item().equals("bad")) {
        throw new IllegalStateException("consumer bug");
      }
    });
    channel.subscribe(e -> received.add(e.item()));
    for (String item : List.of("a", "bad", "b")) {
      channel.publish(event("c", BusinessEvent.PAGE_VIEW, item), Duration.ofSeconds(1));
    }
    channel.close(Duration.ofSeconds(10));
    assertThat(received).containsExactly("a", "bad", "b");
    assertThat(channel.metrics().consumerFailures()).isEqualTo(1);
    assertThat(channel.metrics().delivered()).isEqualTo(3);
  }

  @Test
  void closeDrainsWhatIsQueued_thenRefusesNewEvents() {
    List<String> received = new ArrayList<>();
    EventChannel channel = EventChannel.inProcess(1_000);
    channel.subscribe(e -> received.add(e.item()));
    for (int i = 0; i < 500; i++) {
      channel.publish(event("c", BusinessEvent.PAGE_VIEW, "p" + i), Duration.ofSeconds(1));
    }
    assertThat(channel.close(Duration.ofSeconds(10))).isZero();
    assertThat(received).hasSize(500);

    assertThat(channel.offer(event("c", BusinessEvent.PAGE_VIEW, "late"))).isFalse();
    assertThatThrownBy(() -> channel.publish(event("c", BusinessEvent.PAGE_VIEW, "late"), Duration.ofSeconds(1)))
        .isInstanceOf(EventChannelException.class)
        .hasMessageContaining("closed")
        .matches(e -> !((EventChannelException) e).isRetryable());
    assertThat(channel.metrics().rejected()).isEqualTo(2);
  }

  @Test
  void aCloseThatTimesOutReportsWhatWasLeftUndelivered() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    EventChannel channel = EventChannel.inProcess(10);
    channel.subscribe(e -> {
      try {
        release.await();
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
      }
    });
    for (int i = 0; i < 5; i++) {
      channel.publish(event("c", BusinessEvent.PAGE_VIEW, "p" + i), Duration.ofSeconds(1));
    }
    long left = channel.close(Duration.ofMillis(100));
    release.countDown();
    assertThat(left).isBetween(3L, 5L); // the consumer may hold the first one
    ChannelMetrics m = channel.metrics();
    // eventually every accepted event is delivered or reported as undelivered
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (m.delivered() + m.undelivered() + m.queued() < m.accepted() && System.nanoTime() < deadline) {
      Thread.sleep(5);
      m = channel.metrics();
    }
    assertThat(m.delivered() + m.undelivered() + m.queued()).isEqualTo(m.accepted());
  }

  @Test
  void invalidEventsAreRefusedWithTheComponentNamed() {
    assertThatThrownBy(() -> BusinessEvent.of("shop", " ", BusinessEvent.PURCHASE, Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subject");
    assertThatThrownBy(() -> EventChannel.inProcess(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity");
  }
}

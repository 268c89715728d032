package io.modelbridge.core.events.internal;

import io.modelbridge.core.events.BusinessEvent;
import io.modelbridge.core.events.ChannelMetrics;
import io.modelbridge.core.events.EventChannel;
import io.modelbridge.core.events.EventChannelException;
import io.modelbridge.core.events.EventConsumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process {@link EventChannel}: an {@link ArrayBlockingQueue} and one daemon delivery thread.
 * Publishers take the read lock only while they try to enqueue (in slices of at most 10 ms), so a close
 * (write lock) never strands an event that was counted as accepted.
 */
public final class InProcessEventChannel implements EventChannel {

  private static final Logger LOG = LoggerFactory.getLogger(InProcessEventChannel.class);
  private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  private static final AtomicLong THREADS = new AtomicLong();

  private final ArrayBlockingQueue<BusinessEvent> queue;
  private final List<EventConsumer> consumers = new CopyOnWriteArrayList<>();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Thread deliverer;
  private final AtomicLong offered = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong undelivered = new AtomicLong();
  private final AtomicLong consumerFailures = new AtomicLong();
  private volatile boolean closed;
  private volatile boolean abandon;

  /**
   * A channel holding up to {@code capacity} events, delivering at once.
   *
   * @param capacity 1 to 10,000,000
   * @throws IllegalArgumentException if the capacity is out of range
   */
  public InProcessEventChannel(int capacity) {
    if (capacity < 1 || capacity > 10_000_000) {
      throw new IllegalArgumentException("event channel capacity must be 1 to 10,000,000, was " + capacity);
    }
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.deliverer = new Thread(this::deliver, "modelbridge-events-" + THREADS.incrementAndGet());
    deliverer.setDaemon(true);
    deliverer.start();
  }

  @Override
  public void publish(BusinessEvent event, Duration maxWait) {
    Objects.requireNonNull(maxWait, "maxWait cannot be null");
    switch (enqueue(event, Math.max(0, maxWait.toNanos()))) {
      case ACCEPTED:
        return;
      case FULL:
        throw new EventChannelException("event channel full: " + queue.remainingCapacity() + " free of "
            + (queue.size() + queue.remainingCapacity()) + " after waiting " + maxWait.toMillis()
            + " ms; event " + event.id() + " (" + event.type() + ") was not taken and is counted as rejected."
            + " Publish it again later, slow the producer down, or give the channel more capacity", true);
      default:
        throw new EventChannelException("event channel is closed; event " + event.id() + " (" + event.type()
            + ") was not taken and is counted as rejected. Publish to an open channel", false);
    }
  }

  @Override
  public boolean offer(BusinessEvent event) {
    return enqueue(event, 0) == Outcome.ACCEPTED;
  }

  private enum Outcome { ACCEPTED, FULL, CLOSED }

  private Outcome enqueue(BusinessEvent event, long waitNanos) {
    Objects.requireNonNull(event, "event cannot be null");
    offered.incrementAndGet();
    long deadline = System.nanoTime() + waitNanos;
    boolean interrupted = false;
    try {
      while (true) {
        long remaining = deadline - System.nanoTime();
        lock.readLock().lock();
        try {
          if (closed) {
            rejected.incrementAndGet();
            return Outcome.CLOSED;
          }
          boolean taken = remaining <= 0 || interrupted
              ? queue.offer(event)
              : queue.offer(event, Math.min(remaining, SLICE_NANOS), TimeUnit.NANOSECONDS);
          if (taken) {
            accepted.incrementAndGet();
            return Outcome.ACCEPTED;
          }
        } catch (InterruptedException e) {
          interrupted = true;
        } finally {
          lock.readLock().unlock();
        }
        if (remaining <= 0 || interrupted) {
          rejected.incrementAndGet();
          return Outcome.FULL;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void subscribe(EventConsumer consumer) {
    consumers.add(Objects.requireNonNull(consumer, "consumer cannot be null"));
  }

  @Override
  public ChannelMetrics metrics() {
    return new ChannelMetrics(offered.get(), accepted.get(), rejected.get(), delivered.get(), queue.size(),
        undelivered.get(), consumerFailures.get());
  }

  @Override
  public long close(Duration maxWait) {
    Objects.requireNonNull(maxWait, "maxWait cannot be null");
    lock.writeLock().lock();
    try {
      closed = true;
    } finally {
      lock.writeLock().unlock();
    }
    try {
      deliverer.join(Math.max(1, maxWait.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (deliverer.isAlive()) {
      abandon = true;
      List<BusinessEvent> left = new ArrayList<>();
      queue.drainTo(left);
      undelivered.addAndGet(left.size());
      if (!left.isEmpty()) {
        LOG.warn("events.close.undelivered count={} after waiting {} ms", left.size(), maxWait.toMillis());
      }
    }
    return undelivered.get();
  }

  private void deliver() {
    while (!abandon) {
      BusinessEvent event;
      try {
        event = queue.poll(50, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        continue; // only close() stops delivery
      }
      if (event == null) {
        if (closed && queue.isEmpty()) {
          return;
        }
        continue;
      }
      for (EventConsumer consumer : consumers) {
        try {
          consumer.accept(event);
        } catch (RuntimeException e) {
          consumerFailures.incrementAndGet();
          // Never the attributes: they may hold personal data.
          LOG.warn("events.consumer.failed consumer={} event={} type={} error={}",
              consumer.getClass().getName(), event.id(), event.type(), e.getClass().getName());
        }
      }
      delivered.incrementAndGet();
    }
  }
}

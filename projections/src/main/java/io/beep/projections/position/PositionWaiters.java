package io.beep.projections.position;

import io.beep.contracts.grpc.PositionReply;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Holds the waits that were not covered on arrival and answers each one when its processors cover
 * its position, or with {@code reached=false} at its deadline. One thread polls the processors'
 * in-memory status every {@value #POLL_MICROS} µs while anyone waits, and sleeps otherwise; no
 * gRPC thread is blocked.
 */
@Component
public class PositionWaiters implements SmartLifecycle {

    static final long POLL_MICROS = 2_000;
    private static final Logger log = LoggerFactory.getLogger(PositionWaiters.class);

    private final ProcessorPositions positions;
    private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    private final Object wakeUp = new Object();
    private volatile boolean running;
    private Thread thread;

    public PositionWaiters(ProcessorPositions positions) {
        this.positions = positions;
    }

    /** Answers {@code observer} once {@code processors} cover {@code position}, or at the deadline. */
    void await(List<String> processors, long position, long deadlineNanos,
               ServerCallStreamObserver<PositionReply> observer) {
        waiters.add(new Waiter(processors, position, deadlineNanos, observer));
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    private void run() {
        while (running) {
            try {
                synchronized (wakeUp) {
                    while (running && waiters.isEmpty()) {
                        wakeUp.wait(1000);
                    }
                }
                poll();
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(POLL_MICROS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("position poll failed", e);
            }
        }
    }

    private void poll() {
        long now = System.nanoTime();
        var iterator = waiters.iterator();
        while (iterator.hasNext()) {
            var waiter = iterator.next();
            if (waiter.observer().isCancelled()) {
                iterator.remove();
                continue;
            }
            boolean reached;
            try {
                reached = ProcessorPositions.covers(positions.snapshot(waiter.processors()), waiter.position());
            } catch (RuntimeException e) {
                iterator.remove();
                waiter.observer().onError(e);
                continue;
            }
            if (reached || now - waiter.deadlineNanos() >= 0) {
                iterator.remove();
                answer(waiter.observer(), reached);
            }
        }
    }

    static void answer(ServerCallStreamObserver<PositionReply> observer, boolean reached) {
        if (observer.isCancelled()) {
            return;
        }
        observer.onNext(PositionReply.newBuilder().setReached(reached).build());
        observer.onCompleted();
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "position-waiters");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
        waiters.forEach(w -> answer(w.observer(), false));
        waiters.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private record Waiter(List<String> processors, long position, long deadlineNanos,
                          ServerCallStreamObserver<PositionReply> observer) {
    }
}

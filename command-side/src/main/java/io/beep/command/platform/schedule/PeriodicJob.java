package io.beep.command.platform.schedule;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A round of work repeated on one daemon thread, a fixed delay after the previous round ended,
 * for as long as the application runs. A failed round is logged and the next one runs as usual.
 */
public abstract class PeriodicJob implements SmartLifecycle {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String name;
    private final Duration initialDelay;
    private final Duration delay;
    private ScheduledExecutorService timer;

    protected PeriodicJob(String name, Duration initialDelay, Duration delay) {
        this.name = name;
        this.initialDelay = initialDelay;
        this.delay = delay;
    }

    /** One round; an exception ends only this round. */
    protected abstract void runOnce();

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            var thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                runOnce();
            } catch (RuntimeException e) {
                log.warn("{} round failed; retrying next round: {}", name, e.toString());
            }
        }, initialDelay.toMillis(), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}

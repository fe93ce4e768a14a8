package io.beep.projections.admin.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beep.projections.admin.deadletter.DeadLetters;
import jakarta.annotation.PreDestroy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The job registry: creates {@code admin_job} rows, runs them on a small executor through their
 * {@link JobRunner}, records progress, and at startup resumes the jobs this instance left
 * {@code running}. On shutdown running jobs stop at their next checkpoint and stay {@code running}.
 * A cancelled job stops at its next checkpoint and ends {@code cancelled}.
 */
@Component
public class Jobs {

    private static final Logger log = LoggerFactory.getLogger(Jobs.class);
    private static final String COLUMNS = "id, kind, state, owner, params::text, processed, total, position, "
            + "started_at, updated_at, finished_at, error";

    private final JdbcTemplate db;
    private final ObjectMapper mapper;
    private final Map<String, JobRunner> runners;
    private final String owner;
    private final ExecutorService executor;
    private final Set<String> executing = ConcurrentHashMap.newKeySet();
    private final Set<String> cancelling = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    public Jobs(DataSource viewsDataSource, DeadLetters.AdminSchema adminSchema, ObjectMapper mapper,
                List<JobRunner> runners, JobsProperties properties) {
        this.db = new JdbcTemplate(viewsDataSource);
        this.mapper = mapper;
        this.runners = runners.stream().collect(Collectors.toMap(JobRunner::kind, Function.identity()));
        this.owner = properties.instanceId();
        var counter = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(properties.threads(), task -> {
            var thread = new Thread(task, "admin-job-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Records a new {@code running} job of {@code kind} and starts it. */
    public Job start(String kind, JsonNode params) {
        if (!runners.containsKey(kind)) {
            throw new IllegalArgumentException("no runner for job kind " + kind);
        }
        var id = UUID.randomUUID().toString();
        db.update("insert into admin_job (id, kind, state, owner, params, started_at, updated_at) "
                + "values (?, ?, 'running', ?, ?::jsonb, now(), now())", id, kind, owner, params.toString());
        var job = find(id).orElseThrow();
        submit(job);
        return job;
    }

    /** The job of {@code id}, if any. */
    public Optional<Job> find(String id) {
        return db.query("select " + COLUMNS + " from admin_job where id = ?", this::row, id).stream().findFirst();
    }

    /**
     * Jobs newest first, optionally only of {@code kind} and/or in {@code state}, starting after
     * the job {@code after} (the previous page's last id), at most {@code limit}.
     */
    public List<Job> list(String kind, String state, String after, int limit) {
        var sql = new StringBuilder("select " + COLUMNS + " from admin_job where true");
        var args = new ArrayList<Object>();
        if (kind != null) {
            sql.append(" and kind = ?");
            args.add(kind);
        }
        if (state != null) {
            sql.append(" and state = ?");
            args.add(state);
        }
        if (after != null) {
            sql.append(" and (started_at, id) < (select started_at, id from admin_job where id = ?)");
            args.add(after);
        }
        sql.append(" order by started_at desc, id desc limit ?");
        args.add(limit);
        return db.query(sql.toString(), this::row, args.toArray());
    }

    /**
     * Asks a running job to stop: when this instance runs it, it stops at its next checkpoint and
     * ends {@code cancelled}; a {@code running} row no runner of this instance holds ends
     * {@code cancelled} at once. Answers the job as it is now; empty if unknown.
     */
    public Optional<Job> cancel(String id) {
        var job = find(id);
        if (job.isEmpty() || !Job.RUNNING.equals(job.get().state())) {
            return job;
        }
        if (executing.contains(id)) {
            cancelling.add(id);
        } else {
            db.update("update admin_job set state = 'cancelled', finished_at = now(), updated_at = now() "
                    + "where id = ? and state = 'running'", id);
        }
        return find(id);
    }

    /** Resumes the jobs this instance was running when it stopped. */
    @EventListener(ApplicationReadyEvent.class)
    void resume() {
        var left = db.query("select " + COLUMNS + " from admin_job where state = 'running' and owner = ? "
                + "order by started_at", this::row, owner);
        for (var job : left) {
            log.info("resuming {} job {} after position {} ({} done)", job.kind(), job.id(), job.position(),
                    job.processed());
            submit(job);
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        executor.shutdown();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }

    private void submit(Job job) {
        var runner = runners.get(job.kind());
        if (runner == null) {
            fail(job.id(), "no runner for job kind " + job.kind());
            return;
        }
        executing.add(job.id());
        executor.execute(() -> {
            try {
                run(runner, job);
            } finally {
                executing.remove(job.id());
                cancelling.remove(job.id());
            }
        });
    }

    private void run(JobRunner runner, Job job) {
        var progress = new JobRunner.Progress() {
            @Override
            public void total(long total) {
                db.update("update admin_job set total = ?, updated_at = now() where id = ?", total, job.id());
            }

            @Override
            public boolean checkpoint(long processed, long position) {
                db.update("update admin_job set processed = ?, position = ?, updated_at = now() where id = ?",
                        processed, position, job.id());
                return !stopping && !cancelled();
            }

            @Override
            public boolean stopping() {
                return stopping;
            }

            @Override
            public boolean cancelled() {
                return cancelling.contains(job.id());
            }
        };
        try {
            runner.run(job, progress);
            if (cancelling.contains(job.id())) {
                log.info("{} job {} cancelled", job.kind(), job.id());
                db.update("update admin_job set state = 'cancelled', finished_at = now(), updated_at = now() "
                        + "where id = ? and state = 'running'", job.id());
                return;
            }
            if (stopping) {
                log.info("{} job {} paused by shutdown; it resumes at the next start", job.kind(), job.id());
                return;
            }
            db.update("update admin_job set state = 'succeeded', finished_at = now(), updated_at = now() "
                    + "where id = ? and state = 'running'", job.id());
        } catch (Exception | LinkageError e) {
            if (stopping && !cancelling.contains(job.id())) {
                log.info("{} job {} interrupted by shutdown; it resumes at the next start", job.kind(), job.id());
                return;
            }
            log.warn("{} job {} failed", job.kind(), job.id(), e);
            fail(job.id(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private void fail(String id, String error) {
        var message = error.length() > 2000 ? error.substring(0, 2000) : error;
        db.update("update admin_job set state = 'failed', error = ?, finished_at = now(), updated_at = now() "
                + "where id = ? and state = 'running'", message, id);
    }

    private Job row(ResultSet rs, int i) throws SQLException {
        JsonNode params;
        try {
            params = mapper.readTree(rs.getString(5));
        } catch (Exception e) {
            throw new SQLException("admin_job.params is not JSON", e);
        }
        return new Job(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), params, rs.getLong(6),
                (Long) rs.getObject(7), (Long) rs.getObject(8), instant(rs.getTimestamp(9)),
                instant(rs.getTimestamp(10)), instant(rs.getTimestamp(11)), rs.getString(12));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}

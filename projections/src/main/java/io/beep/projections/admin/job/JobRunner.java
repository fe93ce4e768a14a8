package io.beep.projections.admin.job;

/** Runs the jobs of one kind. A Spring bean of this type is picked up by {@link Jobs}. */
public interface JobRunner {

    /** The kind this runner handles, stored in {@code admin_job.kind}. */
    String kind();

    /**
     * Does the work of {@code job}, continuing after {@link Job#position()} when that is set
     * (a resumed job), and reports through {@code progress}. Returns normally when done or when
     * {@link Progress#checkpoint} answered false (the instance is stopping); throws to fail the job.
     */
    void run(Job job, Progress progress) throws Exception;

    /** Where a runner records how far it got. */
    interface Progress {

        /** Records how many items there are in all. */
        void total(long total);

        /**
         * Records that {@code processed} items are done, up to and including event position
         * {@code position}, durably; answers false when the runner must stop (shutdown or cancel).
         */
        boolean checkpoint(long processed, long position);

        /** True once the instance is shutting down. */
        boolean stopping();

        /**
         * True once the job was cancelled: the runner stops at its next checkpoint, undoes what it
         * can (e.g. drops a half-built copy) and returns; the job ends {@code cancelled}.
         */
        boolean cancelled();
    }
}

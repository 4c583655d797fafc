package org.eventsnn.experiments.sweep;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * One line per finished task attempt, from Spark's listener bus on the driver: runs done out of
 * the sweep's, attempts running, attempts failed (Spark retries them), which run it was, and an
 * estimate of the time left: the mean time of this session's finished runs times the rounds of
 * runs left (runs left over the tasks Spark runs at once).
 */
final class SweepProgress extends SparkListener {
    private final List<RunSpec> tasks;
    private final int total;
    private final int finishedBefore;
    private final PrintWriter out;
    private final int slots;
    private double taskSeconds;
    private int done;
    private int running;
    private int failed;

    /**
     * @param tasks          the runs submitted, task i (Spark's partition i) being run i
     * @param finishedBefore runs of the sweep finished in earlier sessions
     * @param slots          tasks Spark runs at once (it may announce the next task's start before the
     *                       last one's end, so the count of running tasks is capped by it)
     */
    SweepProgress(List<RunSpec> tasks, int finishedBefore, int slots, PrintWriter out) {
        this.tasks = tasks;
        this.total = tasks.size() + finishedBefore;
        this.finishedBefore = finishedBefore;
        this.slots = slots;
        this.out = out;
    }

    @Override
    public synchronized void onTaskStart(SparkListenerTaskStart start) {
        running++;
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
        running--;
        RunSpec run = tasks.get(end.taskInfo().partitionId());
        String what;
        if (end.taskInfo().successful()) {
            done++;
            taskSeconds += end.taskInfo().duration() / 1e3;
            what = String.format(Locale.ROOT, "%s finished (%.1f s)", run.label(), end.taskInfo().duration() / 1e3);
        } else {
            failed++;
            String reason = end.reason() instanceof TaskFailedReason f ? f.toErrorString() : String.valueOf(end.reason());
            what = run.label() + " failed, Spark retries it: " + reason.lines().findFirst().orElse("");
        }
        out.printf(Locale.ROOT, "sweep: %d/%d done, %d running, %d failed | %s | %s%n", finishedBefore + done, total,
                Math.min(running, slots), failed, what, timeLeft());
        out.flush();
    }

    private String timeLeft() {
        int left = tasks.size() - done;
        if (left == 0) {
            return "all done";
        }
        if (done == 0) {
            return "time left unknown";
        }
        // runs left, slots at a time, each as long as the mean finished run
        long seconds = Math.round(taskSeconds / done * Math.ceil((double) left / slots));
        return String.format(Locale.ROOT, "about %d:%02d left", seconds / 60, seconds % 60);
    }
}

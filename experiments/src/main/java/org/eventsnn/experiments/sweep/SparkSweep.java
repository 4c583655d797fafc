package org.eventsnn.experiments.sweep;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs a sweep's unfinished runs on Apache Spark, one task per run, and returns the records of
 * all its runs. A run already finished (its result.json, same settings) is not submitted again.
 * A failed task is retried up to {@value #ATTEMPTS} attempts in all, and each attempt continues
 * from the run's last checkpoint. The master is {@code --master}, else the one spark-submit
 * gave, else {@code local[N]} with N = cores / threads per task; local masters get Spark's
 * retry count {@code local[N,4]}, as a cluster's default {@code spark.task.maxFailures}.
 */
public final class SparkSweep {
    /** Attempts of a task, the first included, before the sweep stops. */
    static final int ATTEMPTS = 4;
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)])?");

    private SparkSweep() {
    }

    /** The records of all runs of {@code plan}, running those not finished; progress lines go to {@code out}. */
    public static List<RunRecord> run(SweepPlan plan, String master, PrintWriter out) throws IOException {
        List<RunRecord> records = new ArrayList<>();
        List<RunSpec> todo = new ArrayList<>();
        for (RunSpec r : plan.runs()) {
            RunRecord finished = RunRecord.finished(r);
            if (finished != null) {
                records.add(finished);
            } else {
                todo.add(r);
            }
        }
        if (todo.isEmpty()) {
            out.printf("sweep: all %d runs were finished before%n", records.size());
            return records;
        }
        Files.createDirectories(plan.outputDir());
        SparkLogging.toFile(plan.outputDir().resolve("spark.log"));
        SparkConf conf = new SparkConf().setAppName("eventsnn sweep " + plan.outputDir().getFileName())
                .set("spark.ui.enabled", "false");
        String m = master(master != null ? master : conf.get("spark.master", null), plan.threadsPerTask());
        conf.setMaster(m);
        if (m.startsWith("local[")) {
            // everything stays in this process: no name lookup, nothing listening beyond loopback
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        } else {
            conf.set("spark.task.cpus", Integer.toString(plan.threadsPerTask()));
            // started by ./eventsnn rather than spark-submit: the executors fetch this jar from the driver
            String jar = SparkSweep.class.getProtectionDomain().getCodeSource().getLocation().getPath();
            if (jar.endsWith(".jar")) {
                conf.setIfMissing("spark.jars", jar);
            }
        }
        out.printf("sweep: %d runs, %d finished before, %d to run on %s (Spark's log: %s)%n", plan.runs().size(),
                records.size(), todo.size(), m, plan.outputDir().resolve("spark.log"));
        out.flush();
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            // once more: where spark-submit set up Spark's default logging, starting a context resets it
            SparkLogging.toFile(plan.outputDir().resolve("spark.log"));
            int slots = Math.max(1, sc.defaultParallelism() / (m.startsWith("local[") ? 1 : plan.threadsPerTask()));
            sc.sc().addSparkListener(new SweepProgress(todo, records.size(), slots, out));
            records.addAll(sc.parallelize(todo, todo.size()).map(RunTask::run).collect());
        } catch (Exception e) {
            // Scala declares no exceptions, so Spark's checked SparkException arrives undeclared
            String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            boolean runFailed = e instanceof SparkException && first.contains("times, most recent failure");
            throw new IllegalStateException((runFailed ? "a run failed " + ATTEMPTS + " times, so the sweep stopped"
                    : "Spark stopped the sweep (see " + plan.outputDir().resolve("spark.log") + ")")
                    + "; finished runs are kept, --resume continues: " + first, e);
        }
        return records;
    }

    /**
     * The master to use: {@code local[N,4]} by default (N = cores / threads per task), a local
     * master given without a retry count with one, any other as given.
     */
    /**
     * Refuses a {@code --master} that is none of Spark's forms (local, local[N], local[N,F],
     * local-cluster[...], spark://, yarn, k8s://, mesos://), before anything is written; Spark
     * itself fails only once the sweep has started.
     */
    public static void requireMaster(String given) {
        if (!given.matches("local(\\[(\\*|\\d+)(,\\d+)?])?|local-cluster\\[.+]|yarn|(spark|k8s|mesos)://.+")) {
            throw new IllegalArgumentException("--master " + given + ": not a Spark master URL (local[N],"
                    + " spark://HOST:PORT, yarn, k8s://..., mesos://...)");
        }
    }

    static String master(String given, int threadsPerTask) {
        if (given == null) {
            int cores = Runtime.getRuntime().availableProcessors();
            return "local[" + Math.max(1, cores / threadsPerTask) + "," + ATTEMPTS + "]";
        }
        Matcher local = LOCAL.matcher(given);
        if (local.matches()) {
            return "local[" + (local.group(1) == null ? "1" : local.group(1)) + "," + ATTEMPTS + "]";
        }
        return given;
    }
}

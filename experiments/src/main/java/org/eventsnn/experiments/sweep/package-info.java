/**
 * Sweeps: every (grid point, seed) of a training set-up is one Apache Spark task running the
 * ordinary {@link org.eventsnn.experiments.train.Trainer} into its own run directory, locally
 * ({@code local[N]}) or on a cluster. Only {@link org.eventsnn.experiments.sweep.SparkSweep} and
 * the classes it alone uses touch Spark, so that Spark, a provided dependency put on the class
 * path by {@code ./eventsnn sweep} only, is never loaded by other commands. The plan, the task
 * body, the summary and the plot are plain Java and run without Spark.
 */
package org.eventsnn.experiments.sweep;

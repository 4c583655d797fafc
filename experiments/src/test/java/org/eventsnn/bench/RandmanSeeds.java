package org.eventsnn.bench;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code randman}'s 10-epoch test accuracy, seed by seed, for several builds or settings, paired
 * by seed in one JVM: the settings of
 * {@code TemporalTrainingTest.anEasyRandmanIsLearnedByARecurrentNetwork}, each build loaded from its
 * jar by a class loader of its own, the builds' order rotating from seed to seed (training is
 * deterministic, so the order moves only the timings). A build is {@code JAR} or
 * {@code JAR@NAME=VALUE,...}, hyperparameters overriding the test's (say
 * {@code inputMean=1.5000000000000002}, one ulp above the test's 1.5, to perturb every initial
 * input weight in its last bits). Prints one line per run (seed, build, last test accuracy,
 * seconds, the test accuracy of every epoch), then per build the mean and standard deviation,
 * every paired difference against the first build with its standard error, and how fast the
 * runs part: the median over seeds of {@code log10 |L_b - L_0| / L_0} of the running training
 * loss after a batch (-17 where equal), against the first build. Run it as a single-file program:
 * <pre>
 * java -XX:+UseParallelGC experiments/src/test/java/org/eventsnn/bench/RandmanSeeds.java \
 *     FIRST_SEED LAST_SEED THREADS BASE.jar OTHER.jar BASE.jar@inputMean=1.5000000000000002...
 * </pre>
 */
public final class RandmanSeeds {
    private static final String[] SETTINGS = {"classes", "2", "inputs", "20", "dimension", "1",
        "samplesPerClass", "300", "hidden", "30", "trainSize", "400", "validationSize", "100",
        "testSize", "100", "epochs", "10", "learningRate", "0.02", "inputMean", "1.5", "inputStd", "2",
        "outputMean", "0.3", "outputStd", "0.3"};
    /** Batches after which the parting of the runs is printed. */
    private static final int[] BATCHES = {0, 2, 4, 6, 8, 10, 12, 14, 16, 20, 26, 39, 65, 129};

    private RandmanSeeds() {
    }

    /** One build: its class loader and the hyperparameters it overrides. */
    private record Build(String spec, ClassLoader loader, Map<String, String> overrides) {
        static Build of(String spec) throws Exception {
            int at = spec.indexOf('@');
            String jar = at < 0 ? spec : spec.substring(0, at);
            Map<String, String> overrides = new LinkedHashMap<>();
            if (at >= 0) {
                for (String kv : spec.substring(at + 1).split(",")) {
                    String[] nv = kv.split("=", 2);
                    overrides.put(nv[0], nv[1]);
                }
            }
            return new Build(spec, new URLClassLoader(new URL[] {Path.of(jar).toUri().toURL()}, null), overrides);
        }

        /** Trains seed {@code seed}; returns the test accuracy per epoch, then the running loss after each batch. */
        double[][] train(long seed, int threads) throws Exception {
            Class<?> taskClass = loader.loadClass("org.eventsnn.experiments.train.TrainingTask");
            Object task = taskClass.getMethod("named", String.class).invoke(null, "randman");
            Object config = taskClass.getMethod("preset", String.class).invoke(task, (Object) null);
            Map<String, String> settings = new LinkedHashMap<>();
            for (int i = 0; i < SETTINGS.length; i += 2) {
                settings.put(SETTINGS[i], SETTINGS[i + 1]);
            }
            settings.putAll(overrides);
            config = config.getClass().getMethod("withAll", Map.class).invoke(config, settings);
            Object trainer = taskClass.getMethod("trainer", config.getClass(), long.class, int.class)
                    .invoke(task, config, seed, threads);
            Class<?> listenerClass = loader.loadClass("org.eventsnn.experiments.train.TrainingListener");
            List<Double> accuracy = new ArrayList<>();
            List<Double> loss = new ArrayList<>();
            Object listener = Proxy.newProxyInstance(loader, new Class<?>[] {listenerClass}, (proxy, method, args) -> {
                if (method.getName().equals("batchDone")) {
                    loss.add((Double) args[1]);
                } else if (method.getName().equals("epochDone")) {
                    accuracy.add(args[0].getClass().getField("testAccuracy").getDouble(args[0]));
                }
                return null;
            });
            Method run = trainer.getClass().getMethod("run", Path.class, boolean.class, listenerClass);
            run.invoke(trainer, null, false, listener);
            return new double[][] {unboxed(accuracy), unboxed(loss)};
        }
    }

    private static double[] unboxed(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public static void main(String[] args) throws Exception {
        long first = Long.parseLong(args[0]);
        long last = Long.parseLong(args[1]);
        int threads = Integer.parseInt(args[2]);
        Build[] builds = new Build[args.length - 3];
        for (int b = 0; b < builds.length; b++) {
            builds[b] = Build.of(args[3 + b]);
        }
        int seeds = (int) (last - first + 1);
        double[][] accuracy = new double[builds.length][seeds];
        double[][][] losses = new double[builds.length][seeds][];
        for (int s = 0; s < seeds; s++) {
            for (int k = 0; k < builds.length; k++) {
                int b = (s + k) % builds.length;
                long start = System.nanoTime();
                double[][] r = builds[b].train(first + s, threads);
                accuracy[b][s] = r[0][r[0].length - 1];
                losses[b][s] = r[1];
                StringBuilder epochs = new StringBuilder();
                for (double a : r[0]) {
                    epochs.append(String.format(Locale.ROOT, " %.2f", a));
                }
                System.out.printf(Locale.ROOT, "%d %d %.4f %.1fs |%s%n", first + s, b, accuracy[b][s],
                        (System.nanoTime() - start) / 1e9, epochs);
            }
        }
        System.out.printf(Locale.ROOT, "%nseeds %d-%d, test accuracy after the last epoch, %%:%n", first, last);
        for (int b = 0; b < builds.length; b++) {
            System.out.printf(Locale.ROOT, "build %d (%s): %.2f, sd %.2f%n", b, builds[b].spec(), 100 * mean(accuracy[b]),
                    100 * sd(accuracy[b]));
        }
        for (int b = 1; b < builds.length; b++) {
            double[] d = new double[seeds];
            for (int s = 0; s < seeds; s++) {
                d[s] = 100 * (accuracy[b][s] - accuracy[0][s]);
            }
            System.out.printf(Locale.ROOT, "build %d - build 0, paired: %+.2f +- %.2f points (sd %.1f)%n", b, mean(d),
                    sd(d) / Math.sqrt(seeds), sd(d));
        }
        System.out.printf("%nmedian log10 of the running loss's relative difference from build 0, after batch:%n%8s",
                "");
        for (int k : BATCHES) {
            System.out.printf(Locale.ROOT, "%6d", k);
        }
        System.out.println();
        for (int b = 1; b < builds.length; b++) {
            System.out.printf(Locale.ROOT, "build %d ", b);
            for (int k : BATCHES) {
                double[] parted = new double[seeds];
                for (int s = 0; s < seeds; s++) {
                    double x = losses[0][s][Math.min(k, losses[0][s].length - 1)];
                    double y = losses[b][s][Math.min(k, losses[b][s].length - 1)];
                    parted[s] = x == y ? -17 : Math.log10(Math.abs(y - x) / Math.abs(x));
                }
                Arrays.sort(parted);
                System.out.printf(Locale.ROOT, "%6.1f", 0.5 * (parted[(seeds - 1) / 2] + parted[seeds / 2]));
            }
            System.out.println();
        }
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double sd(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return x.length > 1 ? Math.sqrt(s / (x.length - 1)) : 0;
    }
}

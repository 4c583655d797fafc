package org.eventsnn.experiments.train;

/** One epoch's figures: one row of metrics.csv. Accuracies are fractions in [0, 1]. */
public final class EpochMetrics {
    /** The metrics.csv header. */
    public static final String HEADER = "epoch,learning_rate,train_loss,train_accuracy,validation_loss,"
            + "validation_accuracy,test_loss,test_accuracy,seconds";

    public final int epoch;
    public final double learningRate;
    public final double trainLoss;
    public final double trainAccuracy;
    public final double validationLoss;
    public final double validationAccuracy;
    public final double testLoss;
    public final double testAccuracy;
    public final double seconds;

    public EpochMetrics(int epoch, double learningRate, double trainLoss, double trainAccuracy, double validationLoss,
                        double validationAccuracy, double testLoss, double testAccuracy, double seconds) {
        this.epoch = epoch;
        this.learningRate = learningRate;
        this.trainLoss = trainLoss;
        this.trainAccuracy = trainAccuracy;
        this.validationLoss = validationLoss;
        this.validationAccuracy = validationAccuracy;
        this.testLoss = testLoss;
        this.testAccuracy = testAccuracy;
        this.seconds = seconds;
    }

    /** The CSV row (no newline). */
    public String csv() {
        return epoch + "," + learningRate + "," + trainLoss + "," + trainAccuracy + "," + validationLoss + ","
                + validationAccuracy + "," + testLoss + "," + testAccuracy + "," + seconds;
    }

    /** Parses a row written by {@link #csv()}. */
    public static EpochMetrics parse(String line) {
        String[] f = line.split(",");
        if (f.length != 9) {
            throw new IllegalArgumentException("metrics row has " + f.length + " fields, expected 9: " + line);
        }
        return new EpochMetrics(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]),
                Double.parseDouble(f[7]), Double.parseDouble(f[8]));
    }
}

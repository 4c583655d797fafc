package org.eventsnn.experiments.train;

/** One epoch's figures: one row of metrics.csv. Accuracies are fractions in [0, 1]. */
public final class EpochMetrics {
    /** The metrics.csv header. */
    public static final String HEADER = "epoch,learning_rate,train_loss,train_accuracy,validation_loss,"
            + "validation_accuracy,test_loss,test_accuracy,seconds";

    /** The epoch, counted from 1. */
    public final int epoch;
    /** The learning rate used in this epoch. */
    public final double learningRate;
    /** Running mean of the training loss over the epoch's batches. */
    public final double trainLoss;
    /** Running mean of the training accuracy over the epoch's batches (a fraction). */
    public final double trainAccuracy;
    /** Mean loss on the validation set after the epoch. */
    public final double validationLoss;
    /** Accuracy on the validation set after the epoch (a fraction). */
    public final double validationAccuracy;
    /** Mean loss on the test set after the epoch. */
    public final double testLoss;
    /** Accuracy on the test set after the epoch (a fraction). */
    public final double testAccuracy;
    /** Wall time of the run up to the end of this epoch. */
    public final double seconds;
    /** {@link #csv()}, once made (a String: safe to share between threads as it is). */
    private String csv;

    /** One epoch's figures, as {@code metrics.csv} lists them. */
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
        String row = csv;
        if (row == null) { // made once: every epoch's files hold every row so far
            row = epoch + "," + learningRate + "," + trainLoss + "," + trainAccuracy + "," + validationLoss + ","
                    + validationAccuracy + "," + testLoss + "," + testAccuracy + "," + seconds;
            csv = row;
        }
        return row;
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

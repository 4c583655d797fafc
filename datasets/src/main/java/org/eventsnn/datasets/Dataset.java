package org.eventsnn.datasets;

import org.eventsnn.core.base.Arguments;

/** Labelled feature vectors: {@code features[i]} (all the same length) with label {@code labels[i]}. Immutable. */
public final class Dataset {
    private final String name;
    private final double[][] features;
    private final int[] labels;
    private final int classes;

    /** A dataset of {@code features[i]} (all of one length, finite) with {@code labels[i]} in {@code [0, classes)}; both are copied. */
    public Dataset(String name, double[][] features, int[] labels, int classes) {
        if (features.length != labels.length) {
            throw new IllegalArgumentException("dataset " + name + ": " + features.length + " samples but "
                    + labels.length + " labels");
        }
        Arguments.requireAtLeast(classes, 1, "classes");
        this.name = name;
        this.features = new double[features.length][];
        for (int i = 0; i < features.length; i++) {
            if (features[i].length != features[0].length) {
                throw new IllegalArgumentException("dataset " + name + ": sample " + i + " has " + features[i].length
                        + " features, sample 0 has " + features[0].length);
            }
            for (int j = 0; j < features[i].length; j++) { // the message is built only for a value it rejects
                if (!Double.isFinite(features[i][j])) {
                    Arguments.requireFinite(features[i][j], "dataset " + name + " sample " + i + " feature " + j);
                }
            }
            if (labels[i] < 0 || labels[i] >= classes) {
                Arguments.requireIndex(labels[i], classes, "dataset " + name + " label of sample " + i);
            }
            this.features[i] = features[i].clone();
        }
        this.labels = labels.clone();
        this.classes = classes;
    }

    /** The dataset's name, used in messages. */
    public String name() {
        return name;
    }

    /** Number of samples. */
    public int size() {
        return labels.length;
    }

    /** Number of features per sample (0 for an empty dataset). */
    public int featureCount() {
        return features.length == 0 ? 0 : features[0].length;
    }

    /** Number of classes. */
    public int classCount() {
        return classes;
    }

    /** Feature j of sample i. */
    public double feature(int i, int j) {
        return features[i][j];
    }

    /** A copy of sample i's features. */
    public double[] features(int i) {
        return features[i].clone();
    }

    /** The class label of sample i. */
    public int label(int i) {
        return labels[i];
    }

    /** Samples per class. */
    public int[] classCounts() {
        int[] c = new int[classes];
        for (int l : labels) {
            c[l]++;
        }
        return c;
    }
}

package org.eventsnn.core.io.nir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Expanded convolutions and poolings against direct evaluation of their defining sums. */
class NodeOpsTest {
    private final NodeOps ops = new NodeOps("mem");

    static double[] apply(LinearOp op, double[] x) {
        double[] y = new double[op.outSize()];
        for (int i = 0; i < x.length; i++) {
            for (int r = op.rowStart(i); r < op.rowEnd(i); r++) {
                y[op.out(r)] += op.weight(r) * x[i];
            }
        }
        return y;
    }

    /** Random Conv2d and Conv1d shapes, strides, paddings and dilations: the expansion equals the direct sums. */
    @Test
    void randomConvolutionsMatchDirectEvaluation() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int cIn = 1 + r.nextInt(3);
            int cOut = 1 + r.nextInt(3);
            int[] k = {1 + r.nextInt(3), 1 + r.nextInt(3)};
            int[] stride = {1 + r.nextInt(3), 1 + r.nextInt(3)};
            int[] pad = {r.nextInt(3), r.nextInt(3)};
            int[] dil = {1 + r.nextInt(2), 1 + r.nextInt(2)};
            int[] in = {cIn, dil[0] * (k[0] - 1) + 1 + r.nextInt(5), dil[1] * (k[1] - 1) + 1 + r.nextInt(5)};
            NdArray w = new NdArray(ForeignNirFilesTest.random(r, cOut * cIn * k[0] * k[1]), new int[] {cOut, cIn, k[0], k[1]});
            NirNode conv2 = new NirNode("c", "Conv2d", Map.of("weight", w, "stride", NdArray.vector(new double[] {stride[0], stride[1]}),
                    "padding", NdArray.vector(new double[] {pad[0], pad[1]}), "dilation", NdArray.vector(new double[] {dil[0], dil[1]}),
                    "groups", new NdArray(new double[] {1}, new int[0])), Map.of(), null);
            double[] x = ForeignNirFilesTest.random(r, NdArray.size(in));
            ForeignNirFilesTest.assertArrayClose(DirectOps.conv2d(x, in, w, stride, pad, dil), apply(ops.op(conv2, in), x), 1e-14);
            NdArray w1 = new NdArray(ForeignNirFilesTest.random(r, cOut * cIn * k[0]), new int[] {cOut, cIn, k[0]});
            NirNode conv1 = new NirNode("c", "Conv1d", Map.of("weight", w1, "stride", new NdArray(new double[] {stride[0]}, new int[0]),
                    "padding", new NdArray(new double[] {pad[0]}, new int[0]), "dilation", new NdArray(new double[] {dil[0]}, new int[0]),
                    "groups", new NdArray(new double[] {1}, new int[0])), Map.of(), null);
            int[] in1 = {cIn, in[1]};
            double[] x1 = ForeignNirFilesTest.random(r, NdArray.size(in1));
            ForeignNirFilesTest.assertArrayClose(DirectOps.conv1d(x1, in1, w1, stride[0], pad[0], dil[0]), apply(ops.op(conv1, in1), x1), 1e-14);
        });
    }

    @Test
    void groupedConv2dWithSamePaddingAndDilation() {
        SplittableRandom r = new SplittableRandom(1);
        int[] in = {4, 5, 6};
        NdArray w = new NdArray(ForeignNirFilesTest.random(r, 6 * 2 * 3 * 3), new int[] {6, 2, 3, 3});
        NirNode n = new NirNode("c", "Conv2d", Map.of("weight", w, "groups", new NdArray(new double[] {2}, new int[0]),
                "dilation", NdArray.vector(new double[] {2, 1}), "stride", new NdArray(new double[] {1}, new int[0])),
                Map.of("padding", "same"), null);
        LinearOp op = ops.op(n, in);
        assertArrayEquals(new int[] {6, 5, 6}, op.outShape());
        double[] x = ForeignNirFilesTest.random(r, 4 * 5 * 6);
        double[] want = new double[6 * 5 * 6];
        // groups of 3 output channels see input channels {0,1} and {2,3}; "same": pad_left = dilation (k - 1) / 2
        int[] pad = {2, 1};
        int[] dil = {2, 1};
        for (int co = 0; co < 6; co++) {
            for (int a = 0; a < 5; a++) {
                for (int b = 0; b < 6; b++) {
                    double s = 0;
                    for (int c = 0; c < 2; c++) {
                        int ci = (co / 3) * 2 + c;
                        for (int u = 0; u < 3; u++) {
                            for (int v = 0; v < 3; v++) {
                                int i = a - pad[0] + u * dil[0];
                                int j = b - pad[1] + v * dil[1];
                                if (i >= 0 && i < 5 && j >= 0 && j < 6) {
                                    s += w.get(((co * 2 + c) * 3 + u) * 3 + v) * x[(ci * 5 + i) * 6 + j];
                                }
                            }
                        }
                    }
                    want[(co * 5 + a) * 6 + b] = s;
                }
            }
        }
        ForeignNirFilesTest.assertArrayClose(want, apply(op, x), 1e-15);
    }

    @Test
    void avgPoolWithPaddingDividesByTheKernelSize() {
        NirNode n = new NirNode("p", "AvgPool2d", Map.of("kernel_size", NdArray.vector(new double[] {3, 3}),
                "stride", NdArray.vector(new double[] {2, 2}), "padding", NdArray.vector(new double[] {1, 1})), Map.of(), null);
        int[] in = {2, 5, 4};
        LinearOp op = ops.op(n, in);
        assertArrayEquals(new int[] {2, 3, 2}, op.outShape());
        double[] x = ForeignNirFilesTest.random(new SplittableRandom(2), 40);
        double[] y = apply(op, x);
        for (int c = 0; c < 2; c++) {
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 2; b++) {
                    double s = 0;
                    for (int i = 2 * a - 1; i <= 2 * a + 1; i++) {
                        for (int j = 2 * b - 1; j <= 2 * b + 1; j++) {
                            if (i >= 0 && i < 5 && j >= 0 && j < 4) {
                                s += x[(c * 5 + i) * 4 + j];
                            }
                        }
                    }
                    assertEquals(s / 9, y[(c * 3 + a) * 2 + b], 1e-15);
                }
            }
        }
    }

    @Test
    void flattenKeepsTheOrderAndJoinsTheDimensions() {
        NirNode n = new NirNode("f", "Flatten", Map.of("start_dim", new NdArray(new double[] {1}, new int[0]),
                "end_dim", new NdArray(new double[] {-1}, new int[0])), Map.of(), null);
        LinearOp op = ops.op(n, new int[] {2, 3, 4});
        assertArrayEquals(new int[] {2, 12}, op.outShape());
        double[] x = ForeignNirFilesTest.random(new SplittableRandom(3), 24);
        assertArrayEquals(x, apply(op, x), 0.0);
    }
}

package org.eventsnn.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.eventsnn.core.io.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    @TempDir
    Path dir;

    /** A file laid out byte for byte as numpy 1.x np.save writes a (2, 3) float64 array. */
    @Test
    void readsNumpyWrittenFloat64() throws Exception {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }";
        int pad = 128 - 10 - dict.length() - 1;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 48).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (double v : new double[] {0.1, 0.2, 0.3, -1e300, 5e-324, 0.0}) {
            b.putDouble(v);
        }
        Path f = dir.resolve("a.npy");
        Files.write(f, b.array());
        Npy.Array a = Npy.read(f);
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertArrayEquals(new double[] {0.1, 0.2, 0.3}, a.matrix()[0], 0.0);
        assertArrayEquals(new double[] {-1e300, 5e-324, 0.0}, a.matrix()[1], 0.0);
    }

    @Test
    void matricesAndLabelsRoundTripBitExactly() {
        qt().withExamples(50).forAll(longs().all(), integers().between(1, 40), integers().between(1, 6)).checkAssert((seed, rows, cols) -> {
            SplittableRandom r = new SplittableRandom(seed);
            double[][] m = new double[rows][cols];
            int[] labels = new int[rows];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    m[i][j] = (r.nextBoolean() ? -1 : 1) * r.nextDouble() * Math.scalb(1.0, r.nextInt(-1000, 1000));
                }
                labels[i] = r.nextInt(-5, 5);
            }
            try {
                Path f = dir.resolve("m" + seed + ".npy");
                Path l = dir.resolve("l" + seed + ".npy");
                Npy.writeMatrix(f, m);
                Npy.writeInts(l, labels);
                Npy.Array back = Npy.read(f);
                assertArrayEquals(new int[] {rows, cols}, back.shape());
                for (int i = 0; i < rows; i++) {
                    assertArrayEquals(m[i], back.matrix()[i], 0.0);
                }
                assertArrayEquals(labels, Npy.read(l).ints());
                assertTrue(Npy.read(l).isInteger());
                assertEquals(0, (Files.size(f) - 8L * rows * cols) % 64, "header padded to a multiple of 64 bytes");
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void rejectsWhatItCannotRead() throws Exception {
        Path f = dir.resolve("bad.npy");
        Files.writeString(f, "hello");
        FormatException e = assertThrows(FormatException.class, () -> Npy.read(f));
        assertTrue(e.getMessage().contains("bad.npy"), e.getMessage());
        Path g = dir.resolve("f4.npy");
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }";
        String header = dict + " ".repeat(128 - 10 - dict.length() - 1) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1)).putFloat(1f);
        Files.write(g, b.array());
        e = assertThrows(FormatException.class, () -> Npy.read(g));
        assertTrue(e.getMessage().contains("descr"), e.getMessage());
    }
}

package org.eventsnn.datasets;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eventsnn.core.io.AtomicFiles;
import org.eventsnn.core.io.FormatException;

/**
 * numpy {@code .npy} files (format versions 1, 2 and 3) holding one- or two-dimensional arrays
 * of little- or big-endian float64 ({@code f8}) or int64 ({@code i8}) in C order, as numpy's
 * {@code np.save} writes them. Writing produces version 1.0, little-endian.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([fi])8'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** An array read from a file: its shape and values (converted to double) in C order. */
    public static final class Array {
        private final int[] shape;
        private final double[] values;
        private final boolean integer;

        Array(int[] shape, double[] values, boolean integer) {
            this.shape = shape;
            this.values = values;
            this.integer = integer;
        }

        /** The array's shape (a copy). */
        public int[] shape() {
            return shape.clone();
        }

        /** True if the file held int64. */
        public boolean isInteger() {
            return integer;
        }

        /** All values in C order, converted to double (a copy). */
        public double[] values() {
            return values.clone();
        }

        /** Rows of a 2-d array. */
        public double[][] matrix() {
            if (shape.length != 2) {
                throw new IllegalArgumentException("expected a 2-d array, got shape " + java.util.Arrays.toString(shape));
            }
            double[][] m = new double[shape[0]][shape[1]];
            for (int i = 0; i < shape[0]; i++) {
                System.arraycopy(values, i * shape[1], m[i], 0, shape[1]);
            }
            return m;
        }

        /** Values of a 1-d array as integers (each must be integral). */
        public int[] ints() {
            if (shape.length != 1) {
                throw new IllegalArgumentException("expected a 1-d array, got shape " + java.util.Arrays.toString(shape));
            }
            int[] v = new int[values.length];
            for (int i = 0; i < v.length; i++) {
                if (values[i] != Math.rint(values[i]) || Math.abs(values[i]) > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("value " + i + " = " + values[i] + " is not an integer label");
                }
                v[i] = (int) values[i];
            }
            return v;
        }
    }

    /** Reads a float64 or int64 array; problems become {@link FormatException}s naming the file. */
    public static Array read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new FormatException(file + ": no such file");
        } catch (IOException e) {
            throw new FormatException(file + ": cannot read: " + e.getMessage(), e);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (byte b : MAGIC) {
            if (!buf.hasRemaining() || buf.get() != b) {
                throw new FormatException(file + ": not a .npy file (bad magic string)");
            }
        }
        if (buf.remaining() < 4) {
            throw new FormatException(file + ": truncated header");
        }
        int major = buf.get();
        buf.get();
        long headerLength = major == 1 ? Short.toUnsignedInt(buf.getShort()) : Integer.toUnsignedLong(buf.getInt());
        if (major < 1 || major > 3 || headerLength > buf.remaining()) {
            throw new FormatException(file + ": unsupported .npy version " + major + " or truncated header");
        }
        byte[] h = new byte[(int) headerLength];
        buf.get(h);
        String header = new String(h, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        if (!d.find()) {
            throw new FormatException(file + ": header descr: only float64 ('f8') and int64 ('i8') are supported, header "
                    + header.strip());
        }
        Matcher f = FORTRAN.matcher(header);
        if (f.find() && f.group(1).equals("True")) {
            throw new FormatException(file + ": header fortran_order = True: only C order is supported");
        }
        Matcher s = SHAPE.matcher(header);
        if (!s.find()) {
            throw new FormatException(file + ": header has no shape: " + header.strip());
        }
        int[] shape = parseShape(file, s.group(1));
        long count = 1;
        for (int n : shape) {
            count *= n;
        }
        if (count * 8 != buf.remaining()) {
            throw new FormatException(file + ": shape " + java.util.Arrays.toString(shape) + " needs " + count * 8
                    + " data bytes, file has " + buf.remaining());
        }
        buf.order(d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        boolean integer = d.group(2).equals("i");
        double[] values = new double[(int) count];
        for (int i = 0; i < values.length; i++) {
            values[i] = integer ? (double) buf.getLong() : buf.getDouble();
        }
        return new Array(shape, values, integer);
    }

    private static int[] parseShape(Path file, String text) {
        String[] parts = text.split(",");
        int n = 0;
        int[] shape = new int[parts.length];
        for (String p : parts) {
            String t = p.strip();
            if (t.isEmpty()) {
                continue;
            }
            try {
                shape[n++] = Integer.parseInt(t.endsWith("L") ? t.substring(0, t.length() - 1) : t);
            } catch (NumberFormatException e) {
                throw new FormatException(file + ": header shape = (" + text + "): not a list of sizes");
            }
        }
        return java.util.Arrays.copyOf(shape, n);
    }

    /** Writes a 2-d float64 array atomically. */
    public static void writeMatrix(Path file, double[][] rows) throws IOException {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        ByteBuffer data = ByteBuffer.allocate(rows.length * cols * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double[] r : rows) {
            if (r.length != cols) {
                throw new IllegalArgumentException("rows differ in length: " + r.length + " and " + cols);
            }
            for (double v : r) {
                data.putDouble(v);
            }
        }
        write(file, "<f8", "(" + rows.length + ", " + cols + ")", data.array());
    }

    /** Writes a 1-d int64 array atomically. */
    public static void writeInts(Path file, int[] values) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            data.putLong(v);
        }
        write(file, "<i8", "(" + values.length + ",)", data.array());
    }

    private static void write(Path file, String descr, String shape, byte[] data) throws IOException {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int unpadded = MAGIC.length + 4 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        out.put(header.getBytes(StandardCharsets.ISO_8859_1)).put(data);
        AtomicFiles.write(file, out.array());
    }
}

package org.eventsnn.core.model;

import org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap;

/**
 * One double per compressed-row slot (a projection's weights or delays), held losslessly in the
 * fewest bytes the values allow: none when all are the same, a float when every value is
 * exactly one, an index into a table of the distinct values (1 or 2 bytes) when that is
 * smaller, else the double. {@link #get} returns the very value given, bit for bit.
 */
final class RowValues {
    /** How the values are held. */
    enum Encoding {
        /** Every slot has the same value: 0 bytes per slot. */
        CONSTANT,
        /** Every value is exactly a float: 4 bytes per slot. */
        FLOAT,
        /** At most 256 distinct values: a 1-byte index into a table of them. */
        TABLE8,
        /** At most 65,536 distinct values: a 2-byte index into a table of them. */
        TABLE16,
        /** 8 bytes per slot. */
        DOUBLE
    }

    private static final int TABLE8_SIZE = 1 << 8;
    private static final int TABLE16_SIZE = 1 << 16;
    /** Most values an encoder's index is sized for in advance (4,096: about 100 kB of table). */
    private static final int PRESIZED = 1 << 12;

    private final Encoding encoding;
    private final int size;
    private final double constant;
    private final float[] floats;
    private final byte[] index8;
    private final char[] index16;
    private final double[] table;
    private final double[] doubles;

    private RowValues(Encoding encoding, int size, double constant, float[] floats, byte[] index8, char[] index16,
                      double[] table, double[] doubles) {
        this.encoding = encoding;
        this.size = size;
        this.constant = constant;
        this.floats = floats;
        this.index8 = index8;
        this.index16 = index16;
        this.table = table;
        this.doubles = doubles;
    }

    /** {@code size} slots, all holding {@code value}. */
    static RowValues constant(int size, double value) {
        return new RowValues(Encoding.CONSTANT, size, value, null, null, null, null, null);
    }

    /**
     * The first {@code size} values of {@code values}, slot r holding {@code values[order[r]]}
     * ({@code values[r]} when {@code order} is null), in the smallest lossless encoding.
     */
    static RowValues of(double[] values, int[] order, int size) {
        Encoder e = new Encoder(size);
        for (int r = 0; r < size; r++) {
            e.observe(values[order == null ? r : order[r]]);
        }
        e.allocate();
        for (int r = 0; r < size; r++) {
            e.put(r, values[order == null ? r : order[r]]);
        }
        return e.values();
    }

    /**
     * Encodes values given twice: first every value to {@link #observe}, in any order (which
     * chooses the encoding), then, after {@link #allocate}, every value again to {@link #put}
     * with its slot; {@link #values} is then complete. No array of all the values is made, so
     * values generated twice never exist as doubles all at once.
     */
    static final class Encoder {
        private int size;
        private long firstBits;
        private boolean same = true;
        private boolean floats = true;
        /** Index of each distinct value (raw bits) in first-seen order, until there are too many. */
        private LongIntHashMap index;
        /** Above this many distinct values no table can be chosen: the index is dropped. */
        private final int mostUseful;
        private RowValues values;

        /** An encoder for any number of values. */
        Encoder() {
            index = new LongIntHashMap();
            mostUseful = TABLE16_SIZE;
        }

        /**
         * An encoder for {@code expected} values, which are then known in advance: its index is
         * sized for them (up to {@link #PRESIZED} values), and dropped once so many values are
         * distinct that a table could not beat 8 bytes per slot ({@code size + 8 distinct >= 8 size}),
         * which chooses the very encoding the full count would.
         */
        Encoder(int expected) {
            index = new LongIntHashMap(Math.min(expected, PRESIZED));
            mostUseful = (int) Math.min(TABLE16_SIZE, 7L * expected / 8);
        }

        /** Takes one more value (first pass). */
        void observe(double v) {
            long bits = Double.doubleToRawLongBits(v);
            if (size == 0) {
                firstBits = bits;
            }
            size++;
            same &= bits == firstBits;
            floats &= Double.doubleToRawLongBits((float) v) == bits;
            if (index != null) {
                index.getIfAbsentPut(bits, index.size());
                if (index.size() > mostUseful) {
                    index = null;
                }
            }
        }

        /** Chooses the encoding that takes the fewest bytes and makes its arrays. */
        void allocate() {
            if (size == 0 || same) {
                values = constant(size, Double.longBitsToDouble(firstBits));
                return;
            }
            long best = (floats ? 4L : 8L) * size;
            int distinct = index == null ? Integer.MAX_VALUE : index.size();
            if (distinct <= TABLE8_SIZE && size + 8L * distinct < best) {
                values = new RowValues(Encoding.TABLE8, size, Double.NaN, null, new byte[size], null, table(index), null);
            } else if (distinct <= TABLE16_SIZE && 2L * size + 8L * distinct < best) {
                values = new RowValues(Encoding.TABLE16, size, Double.NaN, null, null, new char[size], table(index),
                        null);
            } else if (floats) {
                values = new RowValues(Encoding.FLOAT, size, Double.NaN, new float[size], null, null, null, null);
            } else {
                values = new RowValues(Encoding.DOUBLE, size, Double.NaN, null, null, null, null, new double[size]);
            }
            if (values.table == null) {
                index = null;
            }
        }

        /** Stores slot {@code r}'s value (second pass): the value observed for it in the first. */
        void put(int r, double v) {
            switch (values.encoding) {
                case FLOAT -> values.floats[r] = (float) v;
                case TABLE8 -> values.index8[r] = (byte) index.get(Double.doubleToRawLongBits(v));
                case TABLE16 -> values.index16[r] = (char) index.get(Double.doubleToRawLongBits(v));
                case DOUBLE -> values.doubles[r] = v;
                default -> {
                    // every slot holds the one value
                }
            }
        }

        /** The values, once every slot is {@link #put}. */
        RowValues values() {
            return values;
        }
    }

    /** {@code values[order[r]]} (or {@code values[r]} if order is null) for every slot r, held as doubles. */
    static RowValues doubles(double[] values, int[] order, int size) {
        double[] d = new double[size];
        for (int r = 0; r < size; r++) {
            d[r] = values[order == null ? r : order[r]];
        }
        return new RowValues(Encoding.DOUBLE, size, Double.NaN, null, null, null, null, d);
    }

    /** The same values held as doubles (8 bytes per slot), whatever they are. */
    RowValues asDoubles() {
        double[] d = new double[size];
        for (int r = 0; r < size; r++) {
            d[r] = get(r);
        }
        return new RowValues(Encoding.DOUBLE, size, Double.NaN, null, null, null, null, d);
    }

    private static double[] table(LongIntHashMap index) {
        double[] t = new double[index.size()];
        index.forEachKeyValue((bits, k) -> t[k] = Double.longBitsToDouble(bits));
        return t;
    }

    /** The value of slot {@code r}. */
    double get(int r) {
        // tested by array rather than by encoding: one field load and test each, no switch table
        if (doubles != null) {
            return doubles[r];
        }
        if (floats != null) {
            return floats[r];
        }
        if (index8 != null) {
            return table[index8[r] & 0xff];
        }
        if (index16 != null) {
            return table[index16[r]];
        }
        return constant;
    }

    /** Number of slots. */
    int size() {
        return size;
    }

    /** How the values are held. */
    Encoding encoding() {
        return encoding;
    }

    /** The smallest value (positive infinity when there are no slots). */
    double min() {
        if (size == 0) {
            return Double.POSITIVE_INFINITY;
        }
        if (encoding == Encoding.CONSTANT) {
            return constant;
        }
        double m = Double.POSITIVE_INFINITY;
        if (table != null) {
            for (double v : table) {
                m = Math.min(m, v);
            }
            return m;
        }
        for (int r = 0; r < size; r++) {
            m = Math.min(m, get(r));
        }
        return m;
    }

    /** Bytes of the arrays holding the values (their payload: index, table, floats or doubles). */
    long bytes() {
        return (floats == null ? 0 : 4L * floats.length) + (index8 == null ? 0 : index8.length)
                + (index16 == null ? 0 : 2L * index16.length) + (table == null ? 0 : 8L * table.length)
                + (doubles == null ? 0 : 8L * doubles.length);
    }
}

package org.flowmatch4j.core.train;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flowmatch4j.core.util.AtomicFiles;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A training state on disk: provenance metadata (config, seed, library version, backend, data fingerprint, network
 * spec), the step, the random-source state and named arrays (weights, EMA, optimiser moments).
 *
 * <p>Format (big-endian): magic {@code FM4JCKPT}, int version, int metadata count, (UTF key, UTF value)*, long step,
 * int rng-state length, bytes, int array count, (UTF name, byte dtype, int rank, long[rank] shape, data)*, then a
 * CRC-32 of everything before it. Files are written atomically (temp file + rename).
 *
 * @param metadata provenance, string to string
 * @param step     completed optimisation steps
 * @param rngState state of the run's random source
 * @param arrays   named arrays (do not mutate)
 */
public record Checkpoint(Map<String, String> metadata, long step, byte[] rngState, Map<String, INDArray> arrays) {
    private static final byte[] MAGIC = "FM4JCKPT".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    public Checkpoint {
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        arrays = Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
    }

    /** The named array, or a clear error naming what the file does contain. */
    public INDArray array(String name) throws CheckpointException {
        INDArray a = arrays.get(name);
        if (a == null) throw new CheckpointException("checkpoint has no array '" + name + "'; it has " + arrays.keySet());
        return a;
    }

    /** Writes atomically: a crash leaves the previous file or the complete new one. */
    public void save(Path file) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buf)) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(metadata.size());
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                writeString(out, e.getKey());
                writeString(out, e.getValue());
            }
            out.writeLong(step);
            out.writeInt(rngState.length);
            out.write(rngState);
            out.writeInt(arrays.size());
            for (Map.Entry<String, INDArray> e : arrays.entrySet()) writeArray(out, e.getKey(), e.getValue());
        }
        AtomicFiles.writeChecksummed(file, buf.toByteArray());
    }

    /** Reads a checkpoint; any problem becomes one {@link CheckpointException} naming the file and the reason. */
    public static Checkpoint load(Path file) throws CheckpointException {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file + ": no such checkpoint file");
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read checkpoint: " + e.getMessage(), e);
        }
        if (all.length < MAGIC.length + 12 || !java.util.Arrays.equals(java.util.Arrays.copyOf(all, MAGIC.length), MAGIC)) {
            throw new CheckpointException(file + ": not a FlowMatch4j checkpoint (missing FM4JCKPT header)");
        }
        boolean intact = AtomicFiles.checksumMatches(all);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                new java.io.ByteArrayInputStream(all, MAGIC.length, all.length - MAGIC.length - 8)))) {
            int version = in.readInt();
            if (version != VERSION) {
                throw new CheckpointException(file + ": checkpoint format version " + version
                        + " is not supported (this build reads version " + VERSION + ")");
            }
            if (!intact) {
                throw new CheckpointException(file + ": checkpoint is corrupt (checksum mismatch: truncated or damaged)");
            }
            int nMeta = in.readInt();
            Map<String, String> meta = new LinkedHashMap<>();
            for (int i = 0; i < nMeta; i++) meta.put(readString(in), readString(in));
            long step = in.readLong();
            byte[] rng = in.readNBytes(in.readInt());
            int nArrays = in.readInt();
            Map<String, INDArray> arrays = new LinkedHashMap<>();
            for (int i = 0; i < nArrays; i++) {
                String name = readString(in);
                arrays.put(name, readArray(in));
            }
            return new Checkpoint(meta, step, rng, arrays);
        } catch (CheckpointException e) {
            throw e;
        } catch (EOFException | RuntimeException e) {
            throw new CheckpointException(file + ": checkpoint is corrupt (" + e + ")", e);
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read checkpoint: " + e.getMessage(), e);
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > (1 << 26)) throw new IOException("bad string length " + n);
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    private static void writeArray(DataOutputStream out, String name, INDArray a) throws IOException {
        writeString(out, name);
        boolean dbl = a.dataType() == DataType.DOUBLE;
        out.writeByte(dbl ? 1 : 0);
        out.writeInt(a.rank());
        for (long s : a.shape()) out.writeLong(s);
        INDArray c = a.dup('c');
        if (dbl) for (double v : c.data().asDouble()) out.writeDouble(v);
        else for (float v : c.castTo(DataType.FLOAT).data().asFloat()) out.writeFloat(v);
    }

    private static INDArray readArray(DataInputStream in) throws IOException {
        int type = in.readByte();
        int rank = in.readInt();
        if (type < 0 || type > 1 || rank < 0 || rank > 8) throw new IOException("bad array header");
        long[] shape = new long[rank];
        long n = 1;
        for (int i = 0; i < rank; i++) {
            shape[i] = in.readLong();
            if (shape[i] < 0) throw new IOException("negative dimension");
            n *= shape[i];
        }
        if (n > Integer.MAX_VALUE / 8) throw new IOException("array too large: " + n);
        if (type == 1) {
            double[] v = new double[(int) n];
            for (int i = 0; i < n; i++) v[i] = in.readDouble();
            return Nd4j.createFromArray(v).reshape('c', shape);
        }
        float[] v = new float[(int) n];
        for (int i = 0; i < n; i++) v[i] = in.readFloat();
        return Nd4j.createFromArray(v).reshape('c', shape);
    }
}

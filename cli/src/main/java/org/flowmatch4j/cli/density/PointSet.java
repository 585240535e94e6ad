package org.flowmatch4j.cli.density;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.flowmatch4j.manifolds.Manifold;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Data points on a manifold read from a file, for density estimation.
 *
 * @param points   points in the manifold's ambient coordinates, shape [n, D], double (do not mutate)
 * @param manifold where they live
 * @param kind     the manifold's tag stored in models ("sphere:2", "torus:2")
 * @param sha256   fingerprint of the file's bytes
 */
public record PointSet(Path file, INDArray points, Manifold manifold, String kind, String sha256) {
    public int size() { return (int) points.size(0); }

    /** The file name without its extension. */
    public String name() { return file.getFileName().toString().replaceFirst("\\.[^.]*$", ""); }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.flowmatch4j.core.util;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Crash-safe file writes: content goes to a temporary file beside the target, is synced, then renamed over it. */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes through {@code body}, so a reader sees either the old file or the complete new one, never a part. */
    public static void write(Path target, IoConsumer<OutputStream> body) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            // temp files are created owner-only; results are ordinary files (rw-r--r--)
            if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(ch)) {
                body.accept(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes a UTF-8 string atomically. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Writes {@code body} followed by its CRC-32 (big-endian long) atomically; {@link #checksumMatches} verifies it.
     * The framing of checkpoints and binary datasets.
     */
    public static void writeChecksummed(Path target, byte[] body) throws IOException {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(body);
        write(target, os -> {
            os.write(body);
            os.write(java.nio.ByteBuffer.allocate(8).putLong(crc.getValue()).array());
        });
    }

    /** Whether the last 8 bytes of {@code all} are the CRC-32 of the bytes before them. */
    public static boolean checksumMatches(byte[] all) {
        if (all.length < 8) return false;
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(all, 0, all.length - 8);
        return java.nio.ByteBuffer.wrap(all, all.length - 8, 8).getLong() == crc.getValue();
    }

    /** An I/O action on a value. */
    @FunctionalInterface
    public interface IoConsumer<T> {
        void accept(T value) throws IOException;
    }
}

package org.flowmatch4j.proteins.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flowmatch4j.proteins.io.StructureReader;

/**
 * Coverage-guided fuzzing (Jazzer) of the PDB and mmCIF readers (BioJava underneath, offline): whatever the bytes,
 * {@link StructureReader#parse} returns chains or throws its documented {@link IOException} whose message starts
 * with the file's path; an unchecked exception, an error or a hang fails. Under {@code mvn test} the committed
 * corpus ({@code src/test/resources/.../fuzz/StructureFuzzTestInputs/METHOD}) is replayed; with {@code JAZZER_FUZZ=1}
 * it fuzzes (benchmarks/fuzz.sh).
 */
class StructureFuzzTest {
    private static Path dir;
    private static long count;

    @FuzzTest(maxDuration = "10m")
    void pdb(FuzzedDataProvider data) throws IOException {
        read(data.consumeRemainingAsBytes(), "fuzz.pdb");
    }

    @FuzzTest(maxDuration = "10m")
    void mmcif(FuzzedDataProvider data) throws IOException {
        read(data.consumeRemainingAsBytes(), "fuzz.cif");
    }

    private static void read(byte[] bytes, String name) throws IOException {
        if (dir == null) dir = Files.createTempDirectory("fuzz-structures");
        Path file = dir.resolve(count++ + "-" + name);   // a fresh name per input: nothing may be served from a cache by name
        Files.write(file, bytes);
        try {
            StructureReader.parse(file);
        } catch (IOException expected) {
            if (!expected.getMessage().startsWith(file.toString())) throw new AssertionError("message must name the file: " + expected.getMessage(), expected);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}

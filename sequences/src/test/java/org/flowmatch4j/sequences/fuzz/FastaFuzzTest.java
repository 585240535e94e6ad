package org.flowmatch4j.sequences.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flowmatch4j.sequences.io.Alphabet;
import org.flowmatch4j.sequences.io.Fasta;
import org.flowmatch4j.sequences.io.SequenceFormatException;

/**
 * Coverage-guided fuzzing (Jazzer) of the FASTA reader: whatever the bytes, alphabet and ambiguity policy, it returns
 * records or throws its documented {@link SequenceFormatException} naming the file; anything else fails. Under
 * {@code mvn test} the committed corpus ({@code src/test/resources/.../fuzz/FastaFuzzTestInputs/fasta}) is replayed;
 * with {@code JAZZER_FUZZ=1} it fuzzes (benchmarks/fuzz.sh).
 */
class FastaFuzzTest {
    private static final Alphabet[] ALPHABETS = {Alphabet.DNA, Alphabet.RNA, Alphabet.PROTEIN};
    private static Path file;

    @FuzzTest(maxDuration = "10m")
    void fasta(FuzzedDataProvider data) throws IOException {
        if (file == null) file = Files.createTempFile("fuzz", ".fasta");
        Alphabet a = data.pickValue(ALPHABETS);
        Fasta.Ambiguity amb = data.consumeBoolean() ? Fasta.Ambiguity.SKIP : Fasta.Ambiguity.ERROR;
        Files.write(file, data.consumeRemainingAsBytes());
        try {
            Fasta.read(file, a, amb);
        } catch (SequenceFormatException expected) {
            if (!expected.getMessage().startsWith(file.toString())) throw new AssertionError("message must name the file: " + expected.getMessage());
        }
    }
}

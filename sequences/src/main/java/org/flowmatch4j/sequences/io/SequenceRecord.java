package org.flowmatch4j.sequences.io;

/**
 * One FASTA record: the identifier (first word of the header), the full header line without '&gt;', and the
 * upper-case canonical sequence.
 */
public record SequenceRecord(String id, String header, String sequence) {
    public int length() { return sequence.length(); }
}

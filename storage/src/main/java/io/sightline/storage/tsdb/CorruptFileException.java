package io.sightline.storage.tsdb;

import java.nio.file.Path;

/** A TSDB file this build cannot read: the message names the file, what was expected and what was found. */
public final class CorruptFileException extends RuntimeException {
    public CorruptFileException(Path file, String expected, String actual) {
        super(file + ": expected " + expected + ", found " + actual);
    }
}

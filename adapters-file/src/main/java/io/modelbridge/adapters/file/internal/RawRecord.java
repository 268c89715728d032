package io.modelbridge.adapters.file.internal;

/**
 * One record of the file as bytes: a physical line, or for CSV several when a quoted field spans lines.
 *
 * @param lineNumber the number of its first physical line, counting from 1
 * @param bytes its bytes, internal line breaks included, its final line break excluded
 * @param terminator its final line break as found ({@code \n}, {@code \r\n}, or empty at the end of the file)
 */
record RawRecord(long lineNumber, byte[] bytes, byte[] terminator) {}

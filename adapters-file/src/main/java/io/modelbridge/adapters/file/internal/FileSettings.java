package io.modelbridge.adapters.file.internal;

import io.modelbridge.adapters.file.FileLayout;
import io.modelbridge.adapters.file.RejectSink;
import io.modelbridge.adapters.spi.SystemKind;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything a {@link FileSystemAdapter} needs, read and checked from the configuration.
 *
 * @param systemId the system id
 * @param kind the system kind
 * @param file the data file
 * @param entity the entity name
 * @param layout the record layout
 * @param charset the file's encoding (ASCII-compatible)
 * @param delimiter the CSV delimiter
 * @param header whether a CSV file starts with a header line naming the fields
 * @param strict whether the first malformed line ends a query with an error
 * @param rejectSink where malformed lines go, if anywhere besides the report
 * @param keepRejects how many rejected lines a report keeps
 * @param readOnly whether to offer only QUERY and GET
 */
public record FileSettings(
    String systemId,
    SystemKind kind,
    Path file,
    String entity,
    FileLayout layout,
    Charset charset,
    char delimiter,
    boolean header,
    boolean strict,
    Optional<RejectSink> rejectSink,
    int keepRejects,
    boolean readOnly) {}

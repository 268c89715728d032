/**
 * The flat-file reference adapter: docks mainframe and batch exports, CSV (RFC 4180) or fixed-width records
 * with a declared {@link io.modelbridge.adapters.file.FileLayout}, in UTF-8, ISO-8859-1, GBK or another
 * ASCII-compatible encoding.
 *
 * <p>Provider type {@code file} ({@link io.modelbridge.adapters.file.FileAdapterProvider}). Reads stream line
 * by line; a malformed line never ends a query and is never dropped silently: it is handed to the
 * configured {@link io.modelbridge.adapters.file.RejectSink} and counted in the
 * {@link io.modelbridge.adapters.file.ReadReport} of the stream, so that lines read = records delivered +
 * lines rejected + lines not matching the query. Writes replace the file atomically. Nothing in this
 * package accepts or returns {@code null} unless it says so.
 */
package io.modelbridge.adapters.file;

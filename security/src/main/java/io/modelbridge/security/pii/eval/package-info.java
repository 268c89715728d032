/**
 * Scoring of a {@link io.modelbridge.security.pii.PiiScanner} against labelled text: precision, recall and
 * F1 per type and per language, with exact and overlapping span matching.
 *
 * <p>{@link io.modelbridge.security.pii.eval.PiiEvaluation} reads a labelled JSON-lines file (one
 * {@link io.modelbridge.security.pii.eval.LabelledText} a line), scans every text and returns an
 * {@link io.modelbridge.security.pii.eval.EvaluationReport}; {@code modelbridge pii eval FILE} prints it.
 */
package io.modelbridge.security.pii.eval;

/**
 * Detection of personal data in free text and JSON records, and its reversible pseudonymization.
 *
 * <p>{@link io.modelbridge.security.pii.PiiScanner} finds personal data (e-mail, phone, payment card,
 * IBAN, Chinese resident id, French NIR, US SSN, IP addresses, custom recognizers) in linear time;
 * {@link io.modelbridge.security.pii.PiiProtector} replaces each finding as its
 * {@link io.modelbridge.security.pii.PiiPolicy} says (typed tokens kept in a conversation-scoped vault,
 * mask, redact, keyed hash, authenticated encryption) and restores tokens in answers and tool arguments;
 * {@link io.modelbridge.security.pii.PiiHook} does both around every model and tool call.
 */
package io.modelbridge.security.pii;

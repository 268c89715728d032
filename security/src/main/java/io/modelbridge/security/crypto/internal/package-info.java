/** Implementation of the built-in encryptors and key providers; not API. */
package io.modelbridge.security.crypto.internal;

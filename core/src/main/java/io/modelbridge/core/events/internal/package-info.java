/** Implementation of the in-process event channel; not API. */
package io.modelbridge.core.events.internal;

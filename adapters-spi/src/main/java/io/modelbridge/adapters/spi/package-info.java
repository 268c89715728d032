/**
 * The service provider interface a vendor implements to ship a system adapter as a plugin jar.
 *
 * <p>A plugin provides one {@link io.modelbridge.adapters.spi.SystemAdapterProvider}, registered in
 * {@code META-INF/services/io.modelbridge.adapters.spi.SystemAdapterProvider} (and with {@code provides}
 * in its {@code module-info} when it is a named module). The provider creates a
 * {@link io.modelbridge.adapters.spi.SystemAdapter} from an {@link io.modelbridge.adapters.spi.AdapterConfig};
 * the adapter describes its entities and operations ({@link io.modelbridge.adapters.spi.AdapterDescriptor})
 * and executes them ({@link io.modelbridge.adapters.spi.SystemAdapter#execute}), returning records that
 * carry their source ({@link io.modelbridge.adapters.spi.SourceRef}). Arguments are bound and coerced
 * once, here, for every adapter and host ({@link io.modelbridge.adapters.spi.OperationDescriptor#bind},
 * {@link io.modelbridge.adapters.spi.FieldType#coerce}); {@link io.modelbridge.adapters.spi.AbstractSystemAdapter}
 * applies them and keeps the lifecycle bookkeeping.
 *
 * <p>Compatibility rule: see {@link io.modelbridge.adapters.spi.SpiVersion}. Nothing in this package
 * accepts or returns {@code null} unless it says so. This module depends on nothing but the JDK.
 */
package io.modelbridge.adapters.spi;

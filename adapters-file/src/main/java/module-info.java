/**
 * The flat-file reference adapter, a plugin like any vendor's: it depends on the SPI alone and provides
 * {@link io.modelbridge.adapters.spi.SystemAdapterProvider} of type {@code file}.
 */
module io.modelbridge.adapters.file {
  requires transitive io.modelbridge.adapters.spi;

  exports io.modelbridge.adapters.file;

  provides io.modelbridge.adapters.spi.SystemAdapterProvider with io.modelbridge.adapters.file.FileAdapterProvider;
}

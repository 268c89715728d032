/** The ModelBridge adapter SPI: depends on nothing but the JDK. */
module io.modelbridge.adapters.spi {
  exports io.modelbridge.adapters.spi;

  uses io.modelbridge.adapters.spi.SystemAdapterProvider;
}

/** A sample adapter plugin for a toy legacy ticket system. */
module io.modelbridge.examples.sampleplugin {
  requires io.modelbridge.adapters.spi;

  provides io.modelbridge.adapters.spi.SystemAdapterProvider
      with io.modelbridge.examples.sampleplugin.TicketAdapterProvider;
}

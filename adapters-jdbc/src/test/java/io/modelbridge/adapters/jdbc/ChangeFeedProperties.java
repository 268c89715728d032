package io.modelbridge.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.AdapterRecord;
import io.modelbridge.adapters.spi.AdapterRegistry;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.samples.SampleDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The change feed, polled page by page from each page's last version, delivers every row exactly once,
 * however many rows share a timestamp and whatever the page sizes (issue 10: a cursor alone skipped 94% of a
 * 16,044-row table whose {@code last_update} values are mostly equal). Composite key, through the public API.
 */
class ChangeFeedProperties {

  private static final DataSource DB = new UrlDataSource(SampleDatabases.h2MemoryUrl("change_feed_props"));

  @Property(tries = 60)
  void randomRows_manyEqualTimestamps_randomPageSizes_everyRowExactlyOnce(
      @ForAll @Size(max = 80) List<@IntRange(min = 0, max = 3) Integer> timestamps,
      @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 1, max = 7) Integer> pageSizes) throws SQLException {
    List<String> expected = new ArrayList<>();
    try (Connection c = DB.getConnection(); Statement st = c.createStatement()) {
      st.execute("DROP TABLE IF EXISTS rental");
      st.execute("CREATE TABLE rental (store_id INTEGER NOT NULL, code VARCHAR(8) NOT NULL, "
          + "last_update TIMESTAMP NOT NULL, PRIMARY KEY (store_id, code))");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO rental VALUES (?, ?, ?)")) {
        for (int i = 0; i < timestamps.size(); i++) {
          // keys not in cursor order, codes compared as text ("r10" < "r9")
          ps.setInt(1, (i * 7) % 3);
          ps.setString(2, "r" + i);
          ps.setTimestamp(3, Timestamp.valueOf("2006-02-15 05:0" + timestamps.get(i) + ":00"));
          ps.executeUpdate();
          expected.add(((i * 7) % 3) + "/r" + i);
        }
      }
    }
    AdapterConfig config = AdapterConfig.builder("props").object("dataSource", DB).set("tables", "rental")
        .set("changeColumns", "rental.last_update").set("fetchSize", "2").build();
    List<String> delivered = new ArrayList<>();
    try (SystemAdapter a = AdapterRegistry.discover().create("jdbc", config)) {
      String after = null;
      for (int poll = 0; poll <= timestamps.size() + 1; poll++) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("limit", (long) pageSizes.get(poll % pageSizes.size()));
        if (after != null) {
          args.put("after", after);
        }
        List<AdapterRecord> page = a.execute(OperationRequest.of("rental.changes", args)).toList();
        if (page.isEmpty()) {
          break;
        }
        page.forEach(r -> delivered.add(r.fields().get("store_id") + "/" + r.fields().get("code")));
        after = page.get(page.size() - 1).source().version().orElseThrow();
      }
    }
    assertThat(delivered).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
  }
}

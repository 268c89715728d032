package io.modelbridge.adapters.file;

import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.EntitySchema;
import io.modelbridge.adapters.spi.OperationDescriptor;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.adapters.spi.SystemAdapterProvider;
import io.modelbridge.adapters.tck.AdapterConformanceTest;
import io.modelbridge.adapters.tck.TestSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/** The file adapter passes the conformance kit on a real CSV file and on a real fixed-width GBK file. */
class FileAdapterConformanceTest {

  /** A data file the kit may change, restored byte for byte by {@link #reset()}. */
  abstract static class OnFile extends AdapterConformanceTest {
    final Path dir;
    final Path file;
    final byte[] initial;

    OnFile(String name, byte[] initial) {
      try {
        this.dir = Files.createTempDirectory("mb-file-tck");
        this.file = dir.resolve(name);
        this.initial = initial;
        Files.write(file, initial);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @AfterAll
    void removeFiles() throws IOException {
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }

    @Override
    protected SystemAdapterProvider provider() {
      return new FileAdapterProvider();
    }

    abstract String entity();

    @Override
    protected TestSystem testSystem() {
      return new TestSystem() {
        @Override
        public OperationRequest sampleRequest(OperationDescriptor op, SystemAdapter adapter) {
          return switch (op.kind()) {
            case QUERY -> OperationRequest.of(op.name(), Map.of());
            case GET -> OperationRequest.of(op.name(), Map.of("id", 2L));
            case DELETE -> OperationRequest.of(op.name(), Map.of("id", 3L));
            case CREATE -> OperationRequest.of(op.name(), Map.of("id", 9L, "name", "Neu"));
            case UPDATE -> {
              String version = adapter.execute(OperationRequest.of(entity() + ".get", Map.of("id", 2L)))
                  .toList().get(0).source().version().orElseThrow();
              yield OperationRequest.of(op.name(), Map.of("id", 2L, "name", "已更改")).expecting(version);
            }
            default -> throw new IllegalArgumentException("no sample for " + op.kind());
          };
        }

        @Override
        public String snapshot() {
          try {
            return Arrays.toString(Files.readAllBytes(file));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }

        @Override
        public Map<String, Object> absentKey(EntitySchema entity) {
          return Map.of("id", 404L);
        }

        @Override
        public void reset() {
          try {
            Files.write(file, initial);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }

        @Override
        public List<OperationRequest> invalidRequests(OperationDescriptor op) {
          return op.name().endsWith(".create")
              ? List.of(OperationRequest.of(op.name(), Map.of("id", 1L, "name", "Duplicate key")))
              : List.of();
        }
      };
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Csv extends OnFile {
    Csv() {
      super("orders.csv", ("id;name;amount\r\n1;Ann;1.50\r\n2;\"Bob; Jr\";2.00\r\nnot;a;record\r\n3;Cem;\r\n")
          .getBytes(Charset.forName("UTF-8")));
    }

    @Override
    String entity() {
      return "orders";
    }

    @Override
    protected AdapterConfig config() {
      return AdapterConfig.builder("batch").set("path", file.toString()).set("entity", "orders")
          .set("csv.delimiter", ";").set("fields", "id INTEGER key; name STRING personal required; amount DECIMAL")
          .build();
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class FixedWidthGbk extends OnFile {
    FixedWidthGbk() {
      super("ledger.dat", ("0001张伟      0000150\n0002李娜      0000200\n0003王芳      0000000\n")
          .getBytes(Charset.forName("GBK")));
    }

    @Override
    String entity() {
      return "ledger";
    }

    @Override
    protected AdapterConfig config() {
      return AdapterConfig.builder("mainframe").set("path", file.toString()).set("entity", "ledger")
          .set("format", "fixed").set("encoding", "GBK")
          .set("fields", "id INTEGER key @1+4; name STRING personal required @5+10; amount DECIMAL @15+7 decimals=2")
          .build();
    }
  }
}

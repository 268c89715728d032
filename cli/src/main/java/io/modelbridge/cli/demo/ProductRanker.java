package io.modelbridge.cli.demo;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.store.embedding.CosineSimilarity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Ranks products by the cosine similarity of their text to a shopper's live context, with LangChain4j's
 * in-process all-MiniLM-L6-v2 (quantized) embedding model: real semantic matching, no network. The model is
 * loaded once per JVM (a few seconds, about 23 MB of ONNX weights in native memory) and shared.
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

  private static final class Holder {
    static final EmbeddingModel MODEL = new AllMiniLmL6V2QuantizedEmbeddingModel();
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
